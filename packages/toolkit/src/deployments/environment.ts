import { Kafka, logLevel } from 'kafkajs';
import { DEPLOYMENTS_TOPIC } from '../contract-surface/deployment-record.ts';

/** Where an environment runs: the same variables, with the same defaults, as the services read. */
export interface Environment {
  brokers: string[];
  registryUrl: string;
  /** The compacted topic deployments are recorded in. */
  deploymentsTopic: string;
}

export function environmentFrom(
  env: NodeJS.ProcessEnv,
  overrides: { brokers?: string | undefined; registry?: string | undefined } = {},
): Environment {
  const brokers = overrides.brokers ?? env.KAFKA_BROKERS ?? '127.0.0.1:9092';
  return {
    brokers: brokers
      .split(',')
      .map((broker) => broker.trim())
      .filter(Boolean),
    registryUrl: overrides.registry ?? env.SCHEMA_REGISTRY_URL ?? 'http://127.0.0.1:8081/apis/ccompat/v7',
    deploymentsTopic: env.CONTRACT_DEPLOYMENTS_TOPIC ?? DEPLOYMENTS_TOPIC,
  };
}

/** A client that gives up within seconds: a command must say "unreachable", not retry for a minute. */
export function kafkaOf(environment: Environment, clientId: string): Kafka {
  return new Kafka({
    clientId,
    brokers: environment.brokers,
    connectionTimeout: 3_000,
    retry: { retries: 2, initialRetryTime: 300, maxRetryTime: 1_000 },
    logLevel: logLevel.NOTHING,
  });
}

/** The environment cannot answer (Kafka or the registry down): exit 2, never "no". */
export class EnvironmentUnreachableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EnvironmentUnreachableError';
  }
}
