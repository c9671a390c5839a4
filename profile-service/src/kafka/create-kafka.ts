import { Kafka, logLevel } from 'kafkajs';
import type { Logger } from 'pino';

// kafkajs reports every failed connection attempt as an error although it retries them; the supervisor
// logs the crashes that matter at error level, so kafkajs's own errors are demoted to warnings.
const LEVELS: Record<number, 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'warn',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/** A kafkajs client that logs through pino instead of its own console logger. */
export function createKafka({
  brokers,
  clientId,
  logger,
}: {
  brokers: string[];
  clientId: string;
  logger: Logger;
}) {
  const kafkaLogger = logger.child({ component: 'kafkajs' });
  return new Kafka({
    clientId,
    brokers,
    connectionTimeout: 3_000,
    retry: { initialRetryTime: 300, retries: 8, maxRetryTime: 10_000 },
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ level, log }) => {
        const { message, timestamp: _timestamp, logger: _name, ...extra } = log;
        kafkaLogger[LEVELS[level] ?? 'info'](extra, message);
      },
  });
}
