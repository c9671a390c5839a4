import { endpoints } from '@events/stack/endpoints';
import { createTopicsWithLeaders } from '@events/test-kit/topic-admin';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';

/** Where the local stack is, for one run of a harness (`npm run e2e`, `npm run bench`) that names its databases and topics. */
export interface RunContext {
  runId: string;
  pgBase: string;
  registryUrl: string;
  brokers: string[];
  kafka: Kafka;
  log: (message: string) => void;
}

export function createRunContext(harness: 'e2e' | 'bench'): RunContext {
  const started = performance.now();
  const { brokers, registryUrl, postgresBaseUrl } = endpoints;
  return {
    runId: Date.now().toString(36),
    pgBase: postgresBaseUrl,
    registryUrl,
    brokers,
    kafka: new Kafka({ clientId: harness, brokers, logLevel: logLevel.NOTHING }),
    log: (message) =>
      console.log(
        `[${harness} +${((performance.now() - started) / 1000).toFixed(0).padStart(3)} s] ${message}`,
      ),
  };
}

export async function recreateDatabase(ctx: RunContext, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: `${ctx.pgBase}/postgres` });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  return `${ctx.pgBase}/${name}`;
}

export async function dropDatabase(ctx: RunContext, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: `${ctx.pgBase}/postgres` });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).finally(() => admin.end());
}

/**
 * Auto-creation is off on the broker: every topic a run uses is created here, 6 partitions like the real one
 * (on a cluster, replication factor 3; its brokers set min.insync.replicas 2).
 */
export async function createTopics(
  ctx: Pick<RunContext, 'kafka'>,
  names: readonly string[],
  { replicationFactor = 1 }: { replicationFactor?: number } = {},
): Promise<void> {
  const admin = ctx.kafka.admin();
  await admin.connect();
  try {
    await createTopicsWithLeaders(
      admin,
      names.map((topic) => ({ topic, numPartitions: 6, replicationFactor })),
    );
  } finally {
    await admin.disconnect();
  }
}

export async function deleteTopics(ctx: RunContext, names: readonly string[]): Promise<void> {
  const admin = ctx.kafka.admin();
  await admin.connect();
  await admin.deleteTopics({ topics: [...names] }).finally(() => admin.disconnect());
}

/** The same run on other brokers (the three-broker cluster): same id, log, registry and PostgreSQL. */
export function onBrokers(ctx: RunContext, brokers: string[]): RunContext {
  return { ...ctx, brokers, kafka: new Kafka({ clientId: 'harness', brokers, logLevel: logLevel.NOTHING }) };
}
