/**
 * The pieces of our services the honest peers reuse, so a peer differs from a service only in the design
 * being compared (no outbox, no registry, no Avro), never in body parsing, validation rules, tables or SQL.
 * The services export no entry points for their domain and SQL, so this is the one place that reaches into
 * their sources; the shared wiring comes from @events/service-platform like the services take it.
 */
import { join } from 'node:path';
import { createLogger } from '@events/service-platform/observability';
import { migrate, type Pool } from '@events/service-platform/postgres';
import { repoRoot } from '@events/stack/paths';

export { createProfileRepository } from '@events/profile-service/src/data-access/profile-repository.ts';
export { createProfile } from '@events/profile-service/src/domain/create-profile.ts';
export { keepNewestPerUser } from '@events/profile-service/src/domain/profile.ts';
export { jsonBody } from '@events/service-platform/http';
export { parseRegistration } from '@events/user-service/src/domain/registration-rules.ts';
export { emailKey, usernameKey } from '@events/user-service/src/domain/user.ts';

const quiet = createLogger({ name: 'bench-peer', level: 'warn' });

/** user-service's migrations (users, outbox) applied to `pool`'s database. */
export const migrateUserDb = (pool: Pool) =>
  migrate({ pool, dir: join(repoRoot, 'user-service', 'migrations'), logger: quiet });

/** profile-service's migrations (profiles) applied to `pool`'s database. */
export const migrateProfileDb = (pool: Pool) =>
  migrate({ pool, dir: join(repoRoot, 'profile-service', 'migrations'), logger: quiet });
