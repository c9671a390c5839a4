import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { runAtRate } from '@events/harness/rate-limiter';
import type { Registration } from '@events/harness/registrations';

/** One HTTP exchange of a registration, on the harness's clock (the services run on the same machine). */
export interface Attempt {
  sentAt: number;
  answeredAt: number;
  /** 0: no answer at all. */
  status: number;
  /** The problem's `code` on an error answer. */
  code?: string;
  /** On a 201: the user's id and when the service registered it (the original request's time on a replay). */
  id?: string;
  registeredAt?: number;
}

/** A registration as a careful client makes it: one Idempotency-Key, retried with it after a 5xx. */
export interface KeyedRegistration {
  registration: Registration;
  key: string;
  attempts: Attempt[];
}

/** Retry-After is honoured up to this; a missing one waits a second. */
const MAX_RETRY_AFTER_MS = 5_000;

/**
 * Registrations at a steady rate for `durationMs`, each with its own Idempotency-Key. A 5xx, no answer, or a
 * 409 IDEMPOTENCY_KEY_IN_USE (the first request with the key still runs) is retried with the same key and body
 * after Retry-After, for up to `retryForMs` after the first attempt; every attempt is recorded.
 */
export async function registerWithKeys({
  urls,
  ratePerSecond,
  durationMs,
  retryForMs,
  nextRegistration,
}: {
  urls: readonly string[];
  ratePerSecond: number;
  durationMs: number;
  retryForMs: number;
  nextRegistration: () => Registration;
}): Promise<KeyedRegistration[]> {
  const made: KeyedRegistration[] = [];
  const ends = Date.now() + durationMs;
  await runAtRate({ ratePerSecond, maxInFlight: 50, shouldStop: () => Date.now() >= ends }, async (index) => {
    const entry: KeyedRegistration = { registration: nextRegistration(), key: randomUUID(), attempts: [] };
    made.push(entry);
    const url = `${urls[index % urls.length]}/users`;
    const giveUpAt = Date.now() + retryForMs;
    for (;;) {
      const { attempt, retryAfterMs } = await send(url, entry);
      entry.attempts.push(attempt);
      if (!retriable(attempt) || Date.now() + retryAfterMs > giveUpAt) return;
      await sleep(retryAfterMs);
    }
  });
  return made;
}

export function retriable({ status, code }: Pick<Attempt, 'status' | 'code'>): boolean {
  return status === 0 || status >= 500 || (status === 409 && code === 'IDEMPOTENCY_KEY_IN_USE');
}

async function send(
  url: string,
  { registration, key }: KeyedRegistration,
): Promise<{ attempt: Attempt; retryAfterMs: number }> {
  const sentAt = Date.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify(registration),
  }).catch(() => undefined);
  if (!response) return { attempt: { sentAt, answeredAt: Date.now(), status: 0 }, retryAfterMs: 1000 };
  const body = (await response.json().catch(() => ({}))) as {
    id?: string;
    registeredAt?: string;
    code?: string;
  };
  const answeredAt = Date.now();
  const retryAfter = Number(response.headers.get('retry-after'));
  const retryAfterMs = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : 1000;
  const attempt: Attempt =
    response.status === 201 && body.id && body.registeredAt
      ? { sentAt, answeredAt, status: 201, id: body.id, registeredAt: Date.parse(body.registeredAt) }
      : { sentAt, answeredAt, status: response.status, ...(body.code ? { code: body.code } : {}) };
  return { attempt, retryAfterMs: Math.min(retryAfterMs, MAX_RETRY_AFTER_MS) };
}
