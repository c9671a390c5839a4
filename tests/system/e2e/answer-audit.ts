import type pg from 'pg';
import { type Attempt, type KeyedRegistration, retriable } from './keyed-load.ts';
import type { Acknowledged } from './verify.ts';

export interface AnswerAudit {
  /** Registrations whose last answer was a 201, with the id it named. */
  acknowledged: Acknowledged[];
  /** 5xx answers and requests without an answer, first attempts and retries alike. */
  answers5xx: number;
  /** Of those, 503 OUTCOME_UNKNOWN. */
  outcomeUnknown: number;
  /** OUTCOME_UNKNOWN answers to requests that had in fact written: a retry got their original 201. */
  unknownButWritten: number;
  /** Every answer other than 201, by status and code: how many, and how long the client waited for them. */
  waits: Map<string, { count: number; medianMs: number; maxMs: number }>;
  /** 409 IDEMPOTENCY_KEY_IN_USE: a retry while the key's first request still ran. */
  keyInUse: number;
  /** Registrations that got a 5xx, then their 201 from a retry with their key. */
  settledByRetry: number;
  /** Registrations whose client gave up while the answer was still a 5xx. */
  unsettled5xx: number;
  /** Broken promises, each failing the run. */
  problems: string[];
}

/**
 * What the service answered against what it wrote. The service picks a registration's `registeredAt` when it
 * handles the request, so the attempt that wrote a row is the last one sent before that time (a retry is sent
 * only after the previous answer). That attempt must have been answered 201 or 503 OUTCOME_UNKNOWN: any other
 * 5xx promises that nothing was written. A 409 CONFLICT or a 422 is a client told its own registration is
 * someone else's.
 */
export function auditAnswers(
  registrations: readonly KeyedRegistration[],
  /** When the registrations without a 201 were written, if they were (writtenWithoutAnswer). */
  written: ReadonlyMap<string, number>,
): AnswerAudit {
  const audit: AnswerAudit = {
    acknowledged: [],
    answers5xx: 0,
    outcomeUnknown: 0,
    unknownButWritten: 0,
    waits: new Map(),
    keyInUse: 0,
    settledByRetry: 0,
    unsettled5xx: 0,
    problems: [],
  };
  const wroteAfter5xx: string[] = [];
  const ownConflicts: string[] = [];
  const otherAnswers: string[] = [];
  for (const { registration, attempts } of registrations) {
    const last = attempts.at(-1);
    const failed = attempts.filter((a) => a.status === 0 || a.status >= 500);
    audit.answers5xx += failed.length;
    audit.outcomeUnknown += failed.filter((a) => a.code === 'OUTCOME_UNKNOWN').length;
    audit.keyInUse += attempts.filter((a) => a.code === 'IDEMPOTENCY_KEY_IN_USE').length;
    for (const a of attempts.filter((a) => a.status === 422 || (a.status === 409 && !retriable(a))))
      ownConflicts.push(`${registration.email}: ${describe(a)} (attempt ${attempts.indexOf(a) + 1})`);
    if (last?.status === 201 && last.id) {
      audit.acknowledged.push({ ...registration, id: last.id });
      if (failed.length > 0) audit.settledByRetry += 1;
    } else if (last && retriable(last)) audit.unsettled5xx += 1;
    else if (last && last.status !== 409 && last.status !== 422)
      otherAnswers.push(`${registration.email}: ${describe(last)}`);
    if (failed.length === 0) continue;
    const writtenAt =
      last?.status === 201 ? last.registeredAt : written.get(registration.email.toLowerCase());
    if (writtenAt === undefined) continue;
    const writer = attempts.findLast((a) => a.sentAt <= writtenAt);
    if (writer?.code === 'OUTCOME_UNKNOWN') audit.unknownButWritten += 1;
    else if (writer && writer.status !== 201)
      wroteAfter5xx.push(
        `${registration.email}: attempt ${attempts.indexOf(writer) + 1} answered ${describe(writer)}, ` +
          `yet it wrote the registration (${writtenAt - writer.sentAt} ms after sending it)`,
      );
  }
  const waited = new Map<string, number[]>();
  for (const a of registrations.flatMap((r) => r.attempts).filter((a) => a.status !== 201))
    waited.set(describe(a), [...(waited.get(describe(a)) ?? []), a.answeredAt - a.sentAt]);
  for (const [answer, ms] of waited) {
    const sorted = ms.sort((x, y) => x - y);
    audit.waits.set(answer, {
      count: sorted.length,
      medianMs: sorted[Math.floor(sorted.length / 2)] ?? 0,
      maxMs: sorted.at(-1) ?? 0,
    });
  }
  const report = (count: number, what: string, examples: string[]) => {
    if (count > 0) audit.problems.push(`${count} ${what}, e.g. ${examples.slice(0, 3).join('; ')}`);
  };
  report(
    wroteAfter5xx.length,
    'answers other than 201 or OUTCOME_UNKNOWN for a request that wrote',
    wroteAfter5xx,
  );
  report(ownConflicts.length, 'answers refusing a registration its own key had stored', ownConflicts);
  report(otherAnswers.length, 'registrations answered neither 201 nor a 5xx', otherAnswers);
  return audit;
}

function describe({ status, code }: Attempt): string {
  return status === 0 ? 'no answer' : `${status}${code ? ` ${code}` : ''}`;
}

/** When the registrations without a 201 were written, if they were, by lower-cased email. */
export async function writtenWithoutAnswer(
  users: pg.Client,
  registrations: readonly KeyedRegistration[],
): Promise<Map<string, number>> {
  const emails = registrations
    .filter((r) => r.attempts.at(-1)?.status !== 201)
    .map((r) => r.registration.email);
  if (emails.length === 0) return new Map();
  const { rows } = await users.query<{ email: string; at: number }>(
    `SELECT lower(email) AS email, (extract(epoch FROM registered_at) * 1000)::float8 AS at
       FROM users WHERE lower(email) = ANY($1::text[])`,
    [emails.map((email) => email.toLowerCase())],
  );
  return new Map(rows.map((row) => [row.email, Math.round(row.at)]));
}
