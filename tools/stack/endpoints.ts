import { kafka } from './parts/kafka.ts';
import { postgresBaseUrl } from './parts/postgres.ts';
import { registry } from './parts/registry.ts';

/** Where tests and harnesses find the stack: the variables the services read, else the local stack itself. */
export const endpoints = {
  brokers: (process.env.KAFKA_BROKERS ?? kafka.address).split(','),
  registryUrl: process.env.SCHEMA_REGISTRY_URL ?? registry.address,
  postgresBaseUrl,
};
