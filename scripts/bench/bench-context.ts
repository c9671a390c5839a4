import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';

/** Where the stack is and what this run calls its databases and topics. */
export interface BenchContext {
  runId: string;
  pgBase: string;
  registryUrl: string;
  brokers: string[];
  kafka: Kafka;
  log: (message: string) => void;
}

export function createBenchContext(): BenchContext {
  const started = performance.now();
  const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
  return {
    runId: Date.now().toString(36),
    pgBase: `postgres://${process.env.PGUSER ?? 'postgres'}@${process.env.PGHOST ?? '127.0.0.1'}:${process.env.PGPORT ?? 5432}`,
    registryUrl: process.env.SCHEMA_REGISTRY_URL ?? 'http://127.0.0.1:8081/apis/ccompat/v7',
    brokers,
    kafka: new Kafka({ clientId: 'bench', brokers, logLevel: logLevel.NOTHING }),
    log: (message) =>
      console.log(`[bench +${((performance.now() - started) / 1000).toFixed(0).padStart(3)} s] ${message}`),
  };
}

export async function recreateDatabase(ctx: BenchContext, name: string): Promise<string> {
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

export async function dropDatabase(ctx: BenchContext, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: `${ctx.pgBase}/postgres` });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).finally(() => admin.end());
}

/** Auto-creation is off on the broker: every topic a figure uses is created here, 6 partitions like the real one. */
export async function createTopics(ctx: BenchContext, names: readonly string[]): Promise<void> {
  const admin = ctx.kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({
      topics: names.map((topic) => ({ topic, numPartitions: 6, replicationFactor: 1 })),
      waitForLeaders: true,
    });
  } finally {
    await admin.disconnect();
  }
}

export async function deleteTopics(ctx: BenchContext, names: readonly string[]): Promise<void> {
  const admin = ctx.kafka.admin();
  await admin.connect();
  await admin.deleteTopics({ topics: [...names] }).finally(() => admin.disconnect());
}
