import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { RunContext } from '@events/harness/run-context';
import { ServiceProcess } from '@events/harness/service-process';
import { zipkinUrl } from '@events/stack/parts/zipkin';
import { logsDir } from '@events/stack/paths';
import { serviceLaunch } from '@events/stack/service-launch';

// BENCH_PORT_BASE moves every port, so two runs on one machine do not take each other's services.
const base = Number(process.env.BENCH_PORT_BASE ?? 3200);
if (!Number.isInteger(base) || base < 1024 || base > 65_000)
  throw new Error(
    `BENCH_PORT_BASE must be a port number from 1024 to 65000, not ${process.env.BENCH_PORT_BASE}`,
  );
export const ports = {
  userService: base,
  profileService: base + 1,
  ceiling: base + 2,
  dualWrite: base + 3,
  jsonConsumer: base + 4,
  /** A second user-service on the same database (relay-takeover). */
  userServiceStandby: base + 5,
};
// Measure what ships: the services log at their default level, into files under .stack/logs.
const LOG_LEVEL = 'info';

/** A database name of this run: two runs on one PostgreSQL never drop each other's databases. */
export const benchDatabase = (ctx: RunContext, name: string) => `${name}_bench_${ctx.runId}`;

/** Set by --profile: each service process writes a .cpuprofile here when it exits. */
let profileDir: string | undefined;

export function enableProfiling(dir: string): void {
  mkdirSync(dir, { recursive: true });
  profileDir = dir;
}

function profilingEnv(): Record<string, string> {
  return profileDir ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${profileDir}` } : {};
}

/** Service env that turns tracing on: every request traced and exported to the stack's Zipkin. */
export const zipkinTracingEnv = {
  OTEL_TRACES_EXPORTER: 'zipkin',
  OTEL_EXPORTER_ZIPKIN_ENDPOINT: `${zipkinUrl}/api/v2/spans`,
};

export function userService(
  ctx: RunContext,
  {
    databaseUrl,
    topic,
    env = {},
    name = 'user-service',
    port = ports.userService,
  }: {
    databaseUrl: string;
    topic: string;
    env?: Record<string, string> | undefined;
    /** Also names its log file: `.stack/logs/bench-<name>.log`. */
    name?: string;
    port?: number;
  },
) {
  return new ServiceProcess({
    name,
    ...serviceLaunch.users,
    port,
    logFile: join(logsDir, `bench-${name}.log`),
    env: {
      ...profilingEnv(),
      DATABASE_URL: databaseUrl,
      KAFKA_BROKERS: ctx.brokers.join(','),
      SCHEMA_REGISTRY_URL: ctx.registryUrl,
      USER_REGISTER_TOPIC: topic,
      LOG_LEVEL,
      ...env,
    },
  });
}

export function profileService(
  ctx: RunContext,
  { databaseUrl, topic, group }: { databaseUrl: string; topic: string; group: string },
) {
  return new ServiceProcess({
    name: 'profile-service',
    ...serviceLaunch.profiles,
    port: ports.profileService,
    logFile: join(logsDir, 'bench-profile-service.log'),
    env: {
      ...profilingEnv(),
      DATABASE_URL: databaseUrl,
      KAFKA_BROKERS: ctx.brokers.join(','),
      SCHEMA_REGISTRY_URL: ctx.registryUrl,
      SOURCE_TOPIC: topic,
      DLQ_TOPIC: `${topic}.dlq`,
      CONSUMER_GROUP: group,
      LOG_LEVEL,
    },
  });
}

/** The ceiling for POST /users: a bare Express app doing one INSERT (see ceiling/bare-insert-server.ts). */
export function ceilingService(databaseUrl: string) {
  return new ServiceProcess({
    name: 'bare-insert ceiling',
    entry: 'bench/ceiling/bare-insert-server.ts',
    port: ports.ceiling,
    logFile: join(logsDir, 'bench-ceiling.log'),
    env: { DATABASE_URL: databaseUrl },
  });
}

/** The honest peer of user-service: validation, INSERT, then producer.send of JSON in the request. */
export function dualWritePeer(
  ctx: RunContext,
  { databaseUrl, topic }: { databaseUrl: string; topic: string },
) {
  return new ServiceProcess({
    name: 'dual-write peer',
    entry: 'bench/peers/dual-write-server.ts',
    port: ports.dualWrite,
    logFile: join(logsDir, 'bench-dual-write.log'),
    env: { ...profilingEnv(), DATABASE_URL: databaseUrl, KAFKA_BROKERS: ctx.brokers.join(','), TOPIC: topic },
  });
}

/** The honest peer of profile-service: JSON over Kafka into the same upsert. */
export function jsonConsumerPeer(
  ctx: RunContext,
  { databaseUrl, topic, group }: { databaseUrl: string; topic: string; group: string },
) {
  return new ServiceProcess({
    name: 'JSON consumer peer',
    entry: 'bench/peers/json-profile-consumer.ts',
    port: ports.jsonConsumer,
    logFile: join(logsDir, 'bench-json-consumer.log'),
    env: {
      ...profilingEnv(),
      DATABASE_URL: databaseUrl,
      KAFKA_BROKERS: ctx.brokers.join(','),
      TOPIC: topic,
      GROUP: group,
    },
  });
}

/** Stops services started by a figure, even when the figure failed half way. */
export async function stopAll(services: readonly ServiceProcess[]): Promise<void> {
  await Promise.all(services.map((service) => service.stop().catch(() => undefined)));
}
