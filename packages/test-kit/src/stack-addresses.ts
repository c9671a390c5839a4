import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where tests find the shared stack: the variables the services themselves read, else the local stack's
 * defaults. (The stack CLI knows its own ports in tools/stack; these are the same values.)
 */
export const stackAddresses = {
  brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
  registryUrl: process.env.SCHEMA_REGISTRY_URL ?? 'http://127.0.0.1:8081/apis/ccompat/v7',
  /** Maintenance connection: creating and dropping per-test databases and schemas. */
  adminDatabaseUrl: process.env.TEST_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
};

const stackDir = process.env.STACK_DIR ?? join(import.meta.dirname, '..', '..', '..', '.stack');
/** Where `stack:up` unpacks Debian's Chromium when the machine has none (a launcher script and its files). */
export const stackChromium = {
  dir: join(stackDir, 'chromium'),
  launcher: join(stackDir, 'chromium', 'chromium'),
};
const machineChromium = '/usr/bin/chromium';

/** The browser tests open pages in: CHROMIUM_PATH, else the machine's, else the stack's own copy. */
export const chromiumPath =
  process.env.CHROMIUM_PATH ?? (existsSync(machineChromium) ? machineChromium : stackChromium.launcher);
