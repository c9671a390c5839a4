import { closeSync, openSync, readSync, statSync } from 'node:fs';
import type { KafkaNode } from '@events/stack/parts/kafka-node';
import { logFile } from '@events/stack/paths';
import { runningPid } from '@events/stack/processes';
import { AssignerProtocol, type Kafka } from 'kafkajs';

/** Node id → how many of the topic's partitions it leads. */
export async function partitionLeaders(kafka: Kafka, topic: string): Promise<Map<number, number>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
    const counts = new Map<number, number>();
    for (const { leader } of topics[0]?.partitions ?? []) counts.set(leader, (counts.get(leader) ?? 0) + 1);
    return counts;
  } finally {
    await admin.disconnect();
  }
}

export interface MemberAssignment {
  clientId: string;
  partitions: number[];
}

/** Who in the group owns which partitions of `topic`, and the group's state (`Stable` once settled). */
export async function groupAssignment(
  kafka: Kafka,
  groupId: string,
  topic: string,
): Promise<{ state: string; members: MemberAssignment[] }> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const { groups } = await admin.describeGroups([groupId]);
    const group = groups[0];
    const members = (group?.members ?? []).map((member) => ({
      clientId: member.clientId,
      partitions: [
        ...(AssignerProtocol.MemberAssignment.decode(member.memberAssignment)?.assignment[topic] ?? []),
      ].sort((a, b) => a - b),
    }));
    members.sort((a, b) => a.clientId.localeCompare(b.clientId));
    return { state: group?.state ?? 'Unknown', members };
  } finally {
    await admin.disconnect();
  }
}

export const describeAssignment = (members: MemberAssignment[]) =>
  members.length === 0
    ? 'no members'
    : members.map((m) => `${m.clientId} [${m.partitions.join(',')}]`).join(', ');

const TAIL_BYTES = 1 << 20;

/**
 * The node leading the KRaft controller quorum (the active controller). kafkajs has no DescribeQuorum and
 * KRaft brokers report a random broker as "controller" in metadata, so this reads what each running node
 * last logged about its raft state: the claim with the highest epoch wins.
 */
export function activeController(nodes: readonly KafkaNode[]): KafkaNode | undefined {
  let best: { epoch: number; leader: number } | undefined;
  for (const node of nodes) {
    if (runningPid(node.name) === undefined) continue;
    const lines = tail(logFile(node.name)).split('\n');
    const last = lines.findLast(
      (line) =>
        line.includes('Completed transition to Leader') ||
        /Completed transition to FollowerState\(.*leader=\d+/.test(line),
    );
    if (!last) continue;
    const epoch = Number(/epoch=(\d+)/.exec(last)?.[1]);
    const leader = last.includes('transition to Leader')
      ? node.nodeId
      : Number(/leader=(\d+)/.exec(last)?.[1]);
    if (!best || epoch > best.epoch) best = { epoch, leader };
  }
  return nodes.find((node) => node.nodeId === best?.leader);
}

function tail(file: string): string {
  const size = statSync(file).size;
  const length = Math.min(size, TAIL_BYTES);
  const buffer = Buffer.alloc(length);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, buffer, 0, length, size - length);
  } finally {
    closeSync(fd);
  }
  return buffer.toString('utf8');
}
