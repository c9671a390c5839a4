/**
 * The pieces of our services the honest peers reuse, so a peer differs from a service only in the design
 * being compared (no outbox, no registry, no Avro), never in validation rules, tables or SQL. The services
 * export no such entry points, so this is the one place that reaches into their sources.
 */
import type { Logger } from '@events/service-platform/observability';
import { migrate, migrationsDirOf, type Pool } from '@events/service-platform/postgres';

export { createProfile } from '@events/profile-service/src/domain/create-profile.ts';
export { keepNewestPerUser, type ProfileDraft } from '@events/profile-service/src/domain/profile.ts';
export { createProfileRepository } from '@events/profile-service/src/postgres/profile-repository.ts';
export { jsonBody } from '@events/service-platform/http';
export { createLogger } from '@events/service-platform/observability';
export { parseRegistration } from '@events/user-service/src/domain/registration-rules.ts';
export { emailKey, usernameKey } from '@events/user-service/src/domain/user.ts';

/** Applies the service's own migrations, found beside its package.json. */
const migrateWith =
  (serviceModule: string) =>
  ({ pool, logger }: { pool: Pool; logger: Logger }) =>
    migrate({ pool, dir: migrationsDirOf(import.meta.resolve(serviceModule)), logger });

export const migrateUserDb = migrateWith('@events/user-service/src/domain/user.ts');
export const migrateProfileDb = migrateWith('@events/profile-service/src/domain/profile.ts');
