import { z } from 'zod';

const commaList = z
  .string()
  .transform((value) => value.split(',').map((item) => item.trim()))
  .pipe(z.array(z.string().min(1, 'must not contain empty entries')).min(1));

const flag = z.stringbool();

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/ })
    .default('postgres://postgres@127.0.0.1:5432/user_service'),
  DATABASE_POOL_MAX: z.coerce.number().int().min(2).default(10),
  KAFKA_BROKERS: commaList.default(['127.0.0.1:9092']),
  KAFKA_CLIENT_ID: z.string().min(1).default('user-service'),
  KAFKA_SSL: flag.default(false),
  KAFKA_SASL_MECHANISM: z.enum(['plain', 'scram-sha-256', 'scram-sha-512']).optional(),
  KAFKA_SASL_USERNAME: z.string().min(1).optional(),
  KAFKA_SASL_PASSWORD: z.string().min(1).optional(),
  SCHEMA_REGISTRY_URL: z.url().default('http://127.0.0.1:8081/apis/ccompat/v7'),
  SCHEMA_REGISTRY_USERNAME: z.string().min(1).optional(),
  SCHEMA_REGISTRY_PASSWORD: z.string().min(1).optional(),
  SCHEMA_REGISTRY_AUTO_REGISTER: flag.default(false),
  USER_REGISTER_TOPIC: z.string().min(1).optional(),
  OUTBOX_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(100),
  OUTBOX_POLL_INTERVAL_MS: z.coerce.number().int().min(50).default(1000),
  OUTBOX_MAX_BACKOFF_MS: z.coerce.number().int().min(100).default(30_000),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
});

const configSchema = envSchema
  .superRefine((env, ctx) => {
    const sasl = [env.KAFKA_SASL_MECHANISM, env.KAFKA_SASL_USERNAME, env.KAFKA_SASL_PASSWORD];
    if (sasl.some((value) => value !== undefined) && sasl.some((value) => value === undefined)) {
      for (const key of ['KAFKA_SASL_MECHANISM', 'KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD'] as const) {
        if (env[key] === undefined)
          ctx.addIssue({ code: 'custom', path: [key], message: 'required when SASL is configured' });
      }
    }
    if ((env.SCHEMA_REGISTRY_USERNAME === undefined) !== (env.SCHEMA_REGISTRY_PASSWORD === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [
          env.SCHEMA_REGISTRY_USERNAME === undefined
            ? 'SCHEMA_REGISTRY_USERNAME'
            : 'SCHEMA_REGISTRY_PASSWORD',
        ],
        message: 'registry basic auth needs both username and password',
      });
    }
  })
  .transform((env) => ({
    http: { port: env.PORT, host: env.HOST },
    logLevel: env.LOG_LEVEL,
    database: { connectionString: env.DATABASE_URL, max: env.DATABASE_POOL_MAX },
    kafka: {
      clientId: env.KAFKA_CLIENT_ID,
      brokers: env.KAFKA_BROKERS,
      ssl: env.KAFKA_SSL,
      sasl:
        env.KAFKA_SASL_MECHANISM && env.KAFKA_SASL_USERNAME && env.KAFKA_SASL_PASSWORD
          ? {
              mechanism: env.KAFKA_SASL_MECHANISM,
              username: env.KAFKA_SASL_USERNAME,
              password: env.KAFKA_SASL_PASSWORD,
            }
          : undefined,
    },
    // Shaped as the contracts' RegistryOptions: credentials are both present or both absent.
    registry: {
      url: env.SCHEMA_REGISTRY_URL,
      ...(env.SCHEMA_REGISTRY_USERNAME !== undefined && env.SCHEMA_REGISTRY_PASSWORD !== undefined
        ? { username: env.SCHEMA_REGISTRY_USERNAME, password: env.SCHEMA_REGISTRY_PASSWORD }
        : {}),
      autoRegister: env.SCHEMA_REGISTRY_AUTO_REGISTER,
    },
    outbox: {
      destinationTopic: env.USER_REGISTER_TOPIC,
      batchSize: env.OUTBOX_BATCH_SIZE,
      pollIntervalMs: env.OUTBOX_POLL_INTERVAL_MS,
      maxBackoffMs: env.OUTBOX_MAX_BACKOFF_MS,
    },
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
  }));

export type Config = z.output<typeof configSchema>;

export class ConfigError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** Parses the environment once at start; every bad key is reported, not just the first. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings count as unset so `FOO= npm start` falls back to the default.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const result = configSchema.safeParse(present);
  if (result.success) return result.data;
  throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
}
