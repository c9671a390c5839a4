import { Kafka, type KafkaConfig, type logCreator, logLevel, type SASLOptions } from 'kafkajs';
import type { KafkaConnection } from '../config/platform-env.ts';
import type { Logger } from '../observability/logger.ts';

/**
 * kafkajs logs every failed retry at ERROR; during a broker outage that is one line per attempt. Its
 * lines go to debug, and each service logs outages itself, once per change of state (the relay when
 * publishing starts and stops failing, the consumer supervisor when the consumer crashes).
 */
function bridgeLogs(logger: Logger): logCreator {
  const log = logger.child({ component: 'kafkajs' });
  return () =>
    ({ namespace, label, log: entry }) => {
      const { message, timestamp: _timestamp, logger: _name, ...rest } = entry;
      log.debug({ namespace, kafkaLevel: label, ...rest }, message);
    };
}

/** The one way both services reach Kafka: brokers, TLS and SASL from the shared config, logs through pino. */
export function createKafka(
  connection: KafkaConnection,
  logger: Logger,
  overrides: Partial<KafkaConfig> = {},
): Kafka {
  return new Kafka({
    clientId: connection.clientId,
    brokers: connection.brokers,
    ssl: connection.ssl,
    // The config allows only mechanisms that take a username and password, as SASLOptions spells them.
    ...(connection.sasl ? { sasl: connection.sasl as SASLOptions } : {}),
    connectionTimeout: 3_000,
    logLevel: logLevel.INFO,
    logCreator: bridgeLogs(logger),
    ...overrides,
  });
}

/** Pass a client without retries: a readiness probe must answer within its timeout. */
export function kafkaReachable(kafka: Kafka): () => Promise<void> {
  return async () => {
    const admin = kafka.admin();
    try {
      await admin.connect();
      await admin.describeCluster();
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  };
}
