import type { Kafka } from 'kafkajs';

const OFFSETS_TOPIC = '__consumer_offsets';

/**
 * The node id of the broker coordinating `groupId`: the leader of the group's partition of __consumer_offsets,
 * which Kafka picks as the group id's Java hash code, made non-negative, modulo the partition count. kafkajs
 * has no public FindCoordinator, and this answers before the group exists. Undefined while that partition has
 * no leader.
 */
export async function groupCoordinator(kafka: Kafka, groupId: string): Promise<number | undefined> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    // A new cluster creates __consumer_offsets on its first FindCoordinator request, which describeGroups sends.
    await admin.describeGroups([groupId]).catch(() => undefined);
    const { topics } = await admin.fetchTopicMetadata({ topics: [OFFSETS_TOPIC] });
    const partitions = topics[0]?.partitions ?? [];
    if (partitions.length === 0) return undefined;
    const partition = offsetsPartitionOf(groupId, partitions.length);
    const leader = partitions.find((p) => p.partitionId === partition)?.leader;
    return leader === undefined || leader < 0 ? undefined : leader;
  } finally {
    await admin.disconnect();
  }
}

/** Kafka's `Utils.abs(groupId.hashCode()) % partitions`, with Java's String.hashCode over UTF-16 units. */
export function offsetsPartitionOf(groupId: string, partitions: number): number {
  let hash = 0;
  for (let i = 0; i < groupId.length; i += 1) hash = (Math.imul(hash, 31) + groupId.charCodeAt(i)) | 0;
  const abs = hash === -2147483648 ? 0 : Math.abs(hash);
  return abs % partitions;
}
