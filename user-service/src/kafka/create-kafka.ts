import { Kafka, type KafkaConfig, type logCreator, logLevel, type SASLOptions } from 'kafkajs';
import type { Config } from '../config.ts';
import type { Logger } from '../observability/logger.ts';

/**
 * kafkajs logs every failed retry at ERROR; during a broker outage that is one line per attempt.
 * Its lines go to debug, and the relay logs the outage itself, once per state change.
 */
function bridgeLogs(logger: Logger): logCreator {
  const log = logger.child({ component: 'kafkajs' });
  return () =>
    ({ namespace, label, log: entry }) => {
      const { message, ...rest } = entry;
      log.debug({ namespace, kafkaLevel: label, ...rest }, message);
    };
}

export function createKafka(
  config: Config['kafka'],
  logger: Logger,
  overrides: Partial<KafkaConfig> = {},
): Kafka {
  const sasl: SASLOptions | undefined = config.sasl && {
    mechanism: config.sasl.mechanism,
    username: config.sasl.username,
    password: config.sasl.password,
  };
  return new Kafka({
    clientId: config.clientId,
    brokers: config.brokers,
    ssl: config.ssl,
    ...(sasl ? { sasl } : {}),
    connectionTimeout: 3_000,
    logLevel: logLevel.INFO,
    logCreator: bridgeLogs(logger),
    ...overrides,
  });
}
