/**
 * Where tests find the shared stack: the variables the services themselves read, else the local stack's
 * defaults. (The stack CLI knows its own ports in scripts/stack; these are the same values.)
 */
export const stackAddresses = {
  brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
  registryUrl: process.env.SCHEMA_REGISTRY_URL ?? 'http://127.0.0.1:8081/apis/ccompat/v7',
  /** Maintenance connection: creating and dropping per-test databases and schemas. */
  adminDatabaseUrl: process.env.TEST_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
};
