/**
 * The pieces of our services the honest peers reuse, so a peer differs from a service only in the design
 * being compared (no outbox, no registry, no Avro), never in validation rules, tables or SQL. The services
 * export no such entry points, so this is the one place that reaches into their sources.
 */
export { migrate as migrateProfileDb } from '@events/profile-service/src/db/migrate.ts';
export { createProfileRepository } from '@events/profile-service/src/db/profile-repository.ts';
export { createProfile } from '@events/profile-service/src/domain/create-profile.ts';
export { keepNewestPerUser, type ProfileDraft } from '@events/profile-service/src/domain/profile.ts';
export { createLogger as createProfileLogger } from '@events/profile-service/src/observability/logger.ts';
export { migrate as migrateUserDb } from '@events/user-service/src/db/migrate.ts';
export { parseRegistration } from '@events/user-service/src/domain/registration-rules.ts';
export { emailKey, usernameKey } from '@events/user-service/src/domain/user.ts';
export { jsonBody } from '@events/user-service/src/http/json-body.ts';
export { createLogger as createUserLogger } from '@events/user-service/src/observability/logger.ts';
