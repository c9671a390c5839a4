import type { Kafka } from 'kafkajs';
import type { DeploymentRecord } from '../contract-surface/deployment-record.ts';

/**
 * Writes a tombstone for every recorded instance of `service` at `version` (all versions when omitted): the
 * explicit way to stop a version counting when its instances were killed and their lastSeen has not expired yet.
 * Returns the keys retired. A still-running instance records itself again at its next refresh.
 */
export async function retireVersion(
  kafka: Kafka,
  topic: string,
  records: ReadonlyMap<string, DeploymentRecord>,
  target: { service: string; version?: string | undefined },
): Promise<string[]> {
  const keys = [...records]
    .filter(
      ([, record]) =>
        record.manifest.service.name === target.service &&
        (target.version === undefined || record.manifest.service.version === target.version),
    )
    .map(([key]) => key);
  if (keys.length === 0) return keys;
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    await producer.send({ topic, acks: -1, messages: keys.map((key) => ({ key, value: null })) });
  } finally {
    await producer.disconnect();
  }
  return keys;
}
