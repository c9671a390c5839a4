import { randomUUID } from 'node:crypto';
import { countMessages } from '@events/test-kit/topic-admin';
import type { Kafka } from 'kafkajs';

/**
 * Per message key (user id), the schema version of each message on `topic`, from its registry wire-format
 * schema id: which build's relay wrote it, whatever instance accepted the registration. Ids of no version
 * of `subject` are returned apart: nothing else should write there.
 */
export async function writtenVersions({
  kafka,
  topic,
  registryUrl,
  subject,
  versions,
}: {
  kafka: Kafka;
  topic: string;
  registryUrl: string;
  subject: string;
  versions: readonly number[];
}): Promise<{ byKey: Map<string, number[]>; foreignSchemaIds: Set<number> }> {
  const versionOfId = new Map<number, number>();
  for (const version of versions) {
    const url = `${registryUrl}/subjects/${encodeURIComponent(subject)}/versions/${version}`;
    const response = await fetch(url);
    if (!response.ok) throw new Error(`registry: ${subject} v${version}: ${response.status}`);
    versionOfId.set(((await response.json()) as { id: number }).id, version);
  }
  const total = await countMessages(topic, kafka);
  const byKey = new Map<string, number[]>();
  const foreignSchemaIds = new Set<number>();
  const consumer = kafka.consumer({ groupId: `e2e-written-versions-${randomUUID()}` });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    let seen = 0;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`read ${seen} of ${total} messages of ${topic} within 60 s`)),
        60_000,
      );
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      if (total === 0) done();
      consumer
        .run({
          eachMessage: async ({ message }) => {
            const key = message.key?.toString() ?? '';
            const id = message.value?.readInt32BE(1) ?? -1;
            const version = versionOfId.get(id);
            if (version === undefined) foreignSchemaIds.add(id);
            else byKey.set(key, [...(byKey.get(key) ?? []), version]);
            if (++seen >= total) done();
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return { byKey, foreignSchemaIds };
}
