// Topic chores without a test's lifecycle, for test helpers and harness runs alike.
import type { Admin, ITopicConfig, Kafka } from 'kafkajs';
import { waitFor } from './polling.ts';
import { testKafka } from './test-kafka.ts';

/**
 * Creates topics and waits until every partition has a leader. kafkajs's own waitForLeaders gives up when a
 * broker has not heard of the new topic yet (UNKNOWN_TOPIC_OR_PARTITION right after a cluster starts).
 */
export async function createTopicsWithLeaders(admin: Admin, topics: ITopicConfig[]): Promise<void> {
  await admin.createTopics({ topics, waitForLeaders: false });
  const names = topics.map(({ topic }) => topic);
  await waitFor(`leaders for ${names.join(', ')}`, async () => {
    const metadata = await admin.fetchTopicMetadata({ topics: names });
    return metadata.topics.every(
      ({ partitions }) => partitions.length > 0 && partitions.every(({ leader }) => leader >= 0),
    );
  });
}

/** Every message ever written to the topic (the partitions' high watermarks): duplicates included. */
export async function countMessages(topic: string, kafka: Kafka = testKafka): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((sum, partition) => sum + Number(partition.high), 0);
  } finally {
    await admin.disconnect();
  }
}
