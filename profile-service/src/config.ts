import { topics } from '@events/contracts';
import { z } from 'zod';
import { ProfileServiceError } from './errors.ts';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3001),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: z.url().default('postgres://postgres@127.0.0.1:5432/profile_service'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).default(10),
  KAFKA_BROKERS: z
    .string()
    .default('127.0.0.1:9092')
    .transform((value) => value.split(',').map((broker) => broker.trim()))
    .pipe(z.array(z.string().regex(/^[^:\s]+:\d+$/, 'expected host:port[,host:port...]')).min(1)),
  KAFKA_CLIENT_ID: z.string().min(1).default('profile-service'),
  SCHEMA_REGISTRY_URL: z.url().default('http://127.0.0.1:8081/apis/ccompat/v7'),
  SCHEMA_REGISTRY_USERNAME: z.string().optional(),
  SCHEMA_REGISTRY_PASSWORD: z.string().optional(),
  CONSUMER_GROUP: z.string().min(1).default('profile-service'),
  SOURCE_TOPIC: z.string().min(1).default(topics.user_register.topic),
  DLQ_TOPIC: z.string().min(1).optional(),
  KAFKA_SESSION_TIMEOUT_MS: z.coerce.number().int().min(6_000).default(30_000),
  PARTITIONS_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(3),
  BATCH_CHUNK_SIZE: z.coerce.number().int().min(1).max(10_000).default(500),
  RETRY_INITIAL_MS: z.coerce.number().int().min(1).default(500),
  RETRY_MAX_MS: z.coerce.number().int().min(1).default(30_000),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(1).default(25_000),
});

export interface Config {
  port: number;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  database: { url: string; poolSize: number };
  kafka: { brokers: string[]; clientId: string };
  registry: { url: string; username?: string; password?: string };
  consumer: {
    groupId: string;
    sourceTopic: string;
    dlqTopic: string;
    partitionsConcurrency: number;
    chunkSize: number;
    sessionTimeoutMs: number;
  };
  retry: { initialMs: number; maxMs: number };
  shutdownTimeoutMs: number;
}

/** Parses the environment once; throws CONFIG_INVALID naming every bad key. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ProfileServiceError('CONFIG_INVALID', `invalid configuration:\n  ${problems.join('\n  ')}`, {
      details: problems,
    });
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    database: { url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE },
    kafka: { brokers: e.KAFKA_BROKERS, clientId: e.KAFKA_CLIENT_ID },
    registry: {
      url: e.SCHEMA_REGISTRY_URL,
      ...(e.SCHEMA_REGISTRY_USERNAME === undefined ? {} : { username: e.SCHEMA_REGISTRY_USERNAME }),
      ...(e.SCHEMA_REGISTRY_PASSWORD === undefined ? {} : { password: e.SCHEMA_REGISTRY_PASSWORD }),
    },
    consumer: {
      groupId: e.CONSUMER_GROUP,
      sourceTopic: e.SOURCE_TOPIC,
      dlqTopic: e.DLQ_TOPIC ?? `${e.SOURCE_TOPIC}.dlq`,
      partitionsConcurrency: e.PARTITIONS_CONCURRENCY,
      chunkSize: e.BATCH_CHUNK_SIZE,
      sessionTimeoutMs: e.KAFKA_SESSION_TIMEOUT_MS,
    },
    retry: { initialMs: e.RETRY_INITIAL_MS, maxMs: Math.max(e.RETRY_MAX_MS, e.RETRY_INITIAL_MS) },
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
  };
}
