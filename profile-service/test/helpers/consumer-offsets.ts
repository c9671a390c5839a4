import { testKafka } from '@events/test-kit/test-kafka';

/** Committed offsets of a group on a topic, by partition (-1: nothing committed). */
export async function committedOffsets(groupId: string, topic: string): Promise<Map<number, number>> {
  const admin = testKafka.admin();
  await admin.connect();
  try {
    const [result] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return new Map((result?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
  } finally {
    await admin.disconnect();
  }
}

/** How many messages of the topic the group has committed past, over all partitions. */
export async function totalCommitted(groupId: string, topic: string): Promise<number> {
  const offsets = await committedOffsets(groupId, topic);
  return [...offsets.values()].reduce((sum, offset) => sum + Math.max(offset, 0), 0);
}
