import type { RunContext } from '@events/harness/run-context';
import pg from 'pg';
import type { Acknowledged } from '../verify.ts';
import type { Variants } from './build-variants.ts';
import type { RegistrationTrail } from './field-flow.ts';
import { writtenVersions } from './written-versions.ts';

/** Each acknowledged registration's profile, with the builds that accepted and wrote it. */
export async function registrationTrails({
  run,
  topic,
  profiles,
  userDbUrl,
  acknowledged,
}: {
  run: RunContext;
  topic: string;
  profiles: pg.Pool;
  userDbUrl: string;
  acknowledged: Acknowledged[];
}): Promise<RegistrationTrail[]> {
  const written = await writtenVersions({
    kafka: run.kafka,
    topic,
    registryUrl: run.registryUrl,
    subject: `${topic}-value`,
    versions: [2, 3],
  });
  if (written.foreignSchemaIds.size > 0)
    throw new Error(`${topic} holds schema ids of no v2 or v3: ${[...written.foreignSchemaIds].join(', ')}`);
  const { rows } = await profiles.query<{
    user_id: string;
    email: string;
    email_domain: string | null;
    created_at: Date;
  }>('SELECT user_id::text, email, email_domain, created_at FROM profiles WHERE user_id = ANY($1::uuid[])', [
    acknowledged.map((a) => a.id),
  ]);
  const createdBy = await acceptingBuilds(userDbUrl, acknowledged);
  return rows.map((row) => {
    const accepted = createdBy.get(row.user_id);
    if (accepted === undefined)
      throw new Error(`${row.user_id}: user-service's outbox no longer holds its event`);
    return {
      userId: row.user_id,
      email: row.email,
      createdBy: accepted,
      writtenWith: written.byKey.get(row.user_id) ?? [],
      emailDomain: row.email_domain,
      createdAt: row.created_at,
    };
  });
}

/** Registrations whose emailDomain an older relay left out. */
export function droppedByOldRelay(counts: Map<string, number>): number {
  return [...counts]
    .filter(([line]) => line.startsWith('created v3, written v2'))
    .reduce((sum, [, count]) => sum + count, 0);
}

/** Per user id, the catalog version of the build that accepted it: only v3's outbox JSON has emailDomain. */
async function acceptingBuilds(
  userDbUrl: string,
  acknowledged: Acknowledged[],
): Promise<Map<string, number>> {
  const users = new pg.Client({ connectionString: userDbUrl });
  await users.connect();
  try {
    const { rows } = await users.query<{ user_id: string; v3: boolean }>(
      `SELECT aggregate_id::text AS user_id, payload::jsonb ? 'emailDomain' AS v3
         FROM outbox WHERE aggregate_id = ANY($1::uuid[])`,
      [acknowledged.map((a) => a.id)],
    );
    return new Map(rows.map((row) => [row.user_id, row.v3 ? 3 : 2]));
  } finally {
    await users.end();
  }
}

/** One line per registration, for the run's log folder. */
export function renderTrails(trails: readonly RegistrationTrail[], variants: Variants): string {
  const header = 'user_id\taccepted by\twritten by\tread by\temail_domain\tprofile created';
  const writer = (v: number) => (v >= 3 ? variants.userV3 : variants.userV2).version;
  return `${[
    header,
    ...trails.map((t) =>
      [
        t.userId,
        writer(t.createdBy),
        t.writtenWith.map(writer).join('+'),
        (t.emailDomain === null ? variants.profileV2 : variants.profileV3).version,
        t.emailDomain ?? 'NULL',
        t.createdAt.toISOString(),
      ].join('\t'),
    ),
  ].join('\n')}\n`;
}
