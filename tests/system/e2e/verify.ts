import type { Registration } from '@events/harness/registrations';
import type pg from 'pg';

export interface Acknowledged extends Registration {
  id: string;
}

export interface Verdict {
  found: number;
  lost: string[];
  duplicated: number;
  /** Profiles whose username/display name differ from what was registered, byte for byte. */
  mangled: string[];
  maxDelayMs: number;
}

interface ProfileRow {
  user_id: string;
  username: string;
  display_name: string;
  email: string;
  delay_ms: number;
}

/** Compares what user-service acknowledged with what profile-service stored. */
export async function verify(profiles: pg.Pool, acknowledged: Acknowledged[]): Promise<Verdict> {
  const { rows } = await profiles.query<ProfileRow>(
    `SELECT user_id::text, username, display_name, email,
            (extract(epoch FROM created_at - registered_at) * 1000)::float8 AS delay_ms
       FROM profiles WHERE user_id = ANY($1::uuid[]) OR lower(email) = ANY($2::text[])`,
    [acknowledged.map((a) => a.id), acknowledged.map((a) => a.email.toLowerCase())],
  );
  const byId = new Map(rows.map((row) => [row.user_id, row]));
  const perEmail = new Map<string, number>();
  for (const row of rows)
    perEmail.set(row.email.toLowerCase(), (perEmail.get(row.email.toLowerCase()) ?? 0) + 1);

  const lost: string[] = [];
  const mangled: string[] = [];
  let maxDelayMs = 0;
  for (const ack of acknowledged) {
    const row = byId.get(ack.id);
    if (!row) {
      lost.push(ack.id);
      continue;
    }
    maxDelayMs = Math.max(maxDelayMs, row.delay_ms);
    const expectedDisplay = ack.displayName ?? ack.username;
    if (!sameBytes(row.username, ack.username) || !sameBytes(row.display_name, expectedDisplay))
      mangled.push(ack.id);
  }
  const duplicated = [...perEmail.values()].reduce((sum, count) => sum + Math.max(0, count - 1), 0);
  return { found: acknowledged.length - lost.length, lost, duplicated, mangled, maxDelayMs };
}

function sameBytes(a: string, b: string): boolean {
  return Buffer.from(a, 'utf8').equals(Buffer.from(b, 'utf8'));
}
