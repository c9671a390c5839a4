import type pg from 'pg';
import type { KeyedRegistration } from './keyed-load.ts';

/** A fault's end, on the harness's clock: SIGCONT sent, backends terminated, or the restart accepting again. */
export interface FaultEnd {
  fault: string;
  at: number;
}

/** Milliseconds from a fault's end until each part worked again; undefined: not within the run. */
export interface Recovery {
  fault: string;
  /** A request sent after the end answered 201. */
  first201Ms: number | undefined;
  /** The relay marked an outbox row published (its claim began after the end). */
  relayMs: number | undefined;
  /**
   * A profile was created after the relay published its event, after the end (an event published again because a
   * cut rolled back the mark of a batch Kafka had taken has its profile from the first send: not counted).
   */
  profileMs: number | undefined;
}

/**
 * Worked out after the run from what each part recorded: the load's answers, the outbox's `published_at` (the
 * relay's claim transaction's start, within milliseconds of Kafka's ack while Kafka is healthy) and the profiles'
 * `created_at`. Both databases run on this machine's clock.
 */
export async function recoveryAfter(
  { fault, at }: FaultEnd,
  registrations: KeyedRegistration[],
  { users, profiles }: { users: pg.Client; profiles: pg.Pool },
): Promise<Recovery> {
  const answered = registrations
    .flatMap((r) => r.attempts)
    .filter((a) => a.sentAt >= at && a.status === 201)
    .map((a) => a.answeredAt);
  const first201 = answered.length > 0 ? Math.min(...answered) : undefined;
  const { rows: published } = await users.query<{ aggregate_id: string; at: number }>(
    `SELECT aggregate_id::text, (extract(epoch FROM published_at) * 1000)::float8 AS at
       FROM outbox WHERE published_at >= to_timestamp($1::float8 / 1000) ORDER BY published_at LIMIT 500`,
    [at],
  );
  const { rows: created } = await profiles.query<{ at: number | null }>(
    `SELECT (extract(epoch FROM min(p.created_at)) * 1000)::float8 AS at
       FROM profiles p JOIN unnest($1::uuid[], $2::float8[]) AS e(user_id, published_ms) USING (user_id)
      WHERE p.created_at >= to_timestamp(e.published_ms / 1000)`,
    [published.map((row) => row.aggregate_id), published.map((row) => row.at)],
  );
  const since = (time: number | null | undefined) => (time == null ? undefined : Math.max(0, time - at));
  return {
    fault,
    first201Ms: since(first201),
    relayMs: since(published[0]?.at),
    profileMs: since(created[0]?.at),
  };
}

export function describeRecovery({ fault, first201Ms, relayMs, profileMs }: Recovery): string {
  const seconds = (ms: number | undefined) => (ms === undefined ? 'never' : `${(ms / 1000).toFixed(2)} s`);
  return `${fault} → first 201 ${seconds(first201Ms)}, relay published ${seconds(relayMs)}, profile seen ${seconds(profileMs)}`;
}

/** The slowest of the three, or undefined when one never happened. */
export function slowest({ first201Ms, relayMs, profileMs }: Recovery): number | undefined {
  const all = [first201Ms, relayMs, profileMs];
  return all.some((ms) => ms === undefined) ? undefined : Math.max(...(all as number[]));
}
