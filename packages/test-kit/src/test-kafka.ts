import { Kafka, logLevel, type Producer } from 'kafkajs';
import { cleanUpLater } from './cleanup.ts';
import { stackAddresses } from './stack-addresses.ts';

/** The kafkajs client test helpers share, on the stack's brokers: quiet, and quick to give up. */
export const testKafka = new Kafka({
  clientId: 'events-tests',
  brokers: stackAddresses.brokers,
  logLevel: logLevel.NOTHING,
  retry: { retries: 3 },
});

/** A connected producer that never creates topics, disconnected when the test (or file) is done. */
export async function scratchProducer(): Promise<Producer> {
  const producer = testKafka.producer({ allowAutoTopicCreation: false });
  cleanUpLater(() => producer.disconnect());
  await producer.connect();
  return producer;
}
