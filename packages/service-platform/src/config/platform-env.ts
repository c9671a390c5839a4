import { z } from 'zod';
import { commaList, flag, integer, logLevel } from './env-fields.ts';

/** What differs between services in the shared variables: only their defaults. */
export interface PlatformDefaults {
  /** Also the default Kafka client id and PostgreSQL application_name. */
  serviceName: string;
  port: number;
  databaseUrl: string;
  shutdownTimeoutMs: number;
}

/** Where the local stack's Kafka listens: the default bootstrap list of every service. */
export const LOCAL_KAFKA_BROKERS: readonly string[] = ['127.0.0.1:9092'];

/** The variables every service reads, with the same name and meaning everywhere. */
export function platformEnvShape(defaults: PlatformDefaults) {
  return {
    PORT: integer(0, 65_535).default(defaults.port),
    HOST: z.string().min(1).default('0.0.0.0'),
    HTTP_HEADERS_TIMEOUT_MS: integer(1_000).default(10_000),
    HTTP_REQUEST_TIMEOUT_MS: integer(1_000).default(20_000),
    HTTP_KEEP_ALIVE_TIMEOUT_MS: integer(1_000).default(5_000),
    LOG_LEVEL: logLevel().default('info'),
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).default(defaults.databaseUrl),
    DATABASE_POOL_MAX: integer(2).default(10),
    KAFKA_BROKERS: commaList(z.string().regex(/^[^:\s]+:\d+$/, 'expected host:port')).default([
      ...LOCAL_KAFKA_BROKERS,
    ]),
    KAFKA_CLIENT_ID: z.string().min(1).default(defaults.serviceName),
    KAFKA_SSL: flag().default(false),
    KAFKA_SASL_MECHANISM: z.enum(['plain', 'scram-sha-256', 'scram-sha-512']).optional(),
    KAFKA_SASL_USERNAME: z.string().optional(),
    KAFKA_SASL_PASSWORD: z.string().optional(),
    SCHEMA_REGISTRY_URL: z.url().default('http://127.0.0.1:8081/apis/ccompat/v7'),
    SCHEMA_REGISTRY_USERNAME: z.string().optional(),
    SCHEMA_REGISTRY_PASSWORD: z.string().optional(),
    SHUTDOWN_TIMEOUT_MS: integer(100).default(defaults.shutdownTimeoutMs),
  };
}

type PlatformShape = ReturnType<typeof platformEnvShape>;
export type PlatformEnv = z.output<z.ZodObject<PlatformShape>>;

export interface KafkaConnection {
  clientId: string;
  brokers: string[];
  ssl: boolean;
  sasl?: { mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512'; username: string; password: string };
}

/** Shaped as the contracts' RegistryOptions: credentials are both present or both absent. */
export type RegistryConnection = { url: string } | { url: string; username: string; password: string };

export interface HttpServerConfig {
  port: number;
  host: string;
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
}

export interface PlatformConfig {
  serviceName: string;
  logLevel: PlatformEnv['LOG_LEVEL'];
  http: HttpServerConfig;
  database: { connectionString: string; max: number };
  kafka: KafkaConnection;
  registry: RegistryConnection;
  shutdownTimeoutMs: number;
}

/** Settings that only make sense together: SASL needs all three, registry auth both. */
export function platformEnvRules(present: Readonly<Record<string, string>>): string[] {
  const requireAll = (keys: readonly string[], message: string) =>
    keys.some((key) => key in present)
      ? keys.filter((key) => !(key in present)).map((key) => `${key}: ${message}`)
      : [];
  return [
    ...requireAll(
      ['KAFKA_SASL_MECHANISM', 'KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD'],
      'required when SASL is configured (all three or none)',
    ),
    ...requireAll(
      ['SCHEMA_REGISTRY_USERNAME', 'SCHEMA_REGISTRY_PASSWORD'],
      'registry basic auth needs both username and password',
    ),
  ];
}

/** Node refuses a headers timeout longer than the request timeout; say so by name instead. */
export function checkPlatformEnv(env: PlatformEnv, ctx: z.RefinementCtx): void {
  if (env.HTTP_HEADERS_TIMEOUT_MS > env.HTTP_REQUEST_TIMEOUT_MS) {
    ctx.addIssue({
      code: 'custom',
      path: ['HTTP_HEADERS_TIMEOUT_MS'],
      message: 'must not exceed HTTP_REQUEST_TIMEOUT_MS',
    });
  }
}

export function toPlatformConfig(env: PlatformEnv, defaults: PlatformDefaults): PlatformConfig {
  const {
    KAFKA_SASL_MECHANISM: mechanism,
    KAFKA_SASL_USERNAME: username,
    KAFKA_SASL_PASSWORD: password,
  } = env;
  const registryUser = env.SCHEMA_REGISTRY_USERNAME;
  const registryPassword = env.SCHEMA_REGISTRY_PASSWORD;
  return {
    serviceName: defaults.serviceName,
    logLevel: env.LOG_LEVEL,
    http: {
      port: env.PORT,
      host: env.HOST,
      headersTimeoutMs: env.HTTP_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: env.HTTP_REQUEST_TIMEOUT_MS,
      keepAliveTimeoutMs: env.HTTP_KEEP_ALIVE_TIMEOUT_MS,
    },
    database: { connectionString: env.DATABASE_URL, max: env.DATABASE_POOL_MAX },
    kafka: {
      clientId: env.KAFKA_CLIENT_ID,
      brokers: env.KAFKA_BROKERS,
      ssl: env.KAFKA_SSL,
      ...(mechanism && username !== undefined && password !== undefined
        ? { sasl: { mechanism, username, password } }
        : {}),
    },
    registry:
      registryUser !== undefined && registryPassword !== undefined
        ? { url: env.SCHEMA_REGISTRY_URL, username: registryUser, password: registryPassword }
        : { url: env.SCHEMA_REGISTRY_URL },
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
  };
}
