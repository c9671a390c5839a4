import { randomBytes } from 'node:crypto';
import type { Admin } from 'kafkajs';
import { cleanUpLater } from './cleanup.ts';
import { stackAddresses } from './stack-addresses.ts';
import { testKafka } from './test-kafka.ts';
import { createTopicsWithLeaders } from './topic-admin.ts';

export interface ScratchTopicOptions {
  /** The start of its name; a random suffix follows. */
  prefix?: string;
  /** Its whole name instead, when another name decides it (a DLQ is named after its scratch source topic). */
  name?: string;
  partitions?: number;
  /** Topic-level settings, e.g. `{ 'cleanup.policy': 'compact' }`. */
  configs?: Record<string, string>;
}

/** A new topic on the stack's Kafka (auto-creation is off there), deleted when the test (or file) is done. */
export async function scratchTopic({
  prefix = 'test-topic',
  name,
  partitions = 1,
  configs = {},
}: ScratchTopicOptions = {}): Promise<string> {
  const topic = name ?? `${prefix}-${randomBytes(4).toString('hex')}`;
  await withAdmin((admin) =>
    createTopicsWithLeaders(admin, [
      {
        topic,
        numPartitions: partitions,
        configEntries: Object.entries(configs).map(([name, value]) => ({ name, value })),
      },
    ]),
  );
  cleanUpLater(() => withAdmin((admin) => admin.deleteTopics({ topics: [topic] })).catch(() => undefined));
  return topic;
}

/** A consumer group id of its own, whose committed offsets are deleted when the test (or file) is done. */
export function scratchGroupId(prefix = 'test-group'): string {
  const groupId = `${prefix}-${randomBytes(4).toString('hex')}`;
  cleanUpLater(async () => {
    await withAdmin((admin) => admin.deleteGroups([groupId])).catch(() => undefined);
  });
  return groupId;
}

async function withAdmin<T>(use: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = testKafka.admin();
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `Kafka is not reachable at ${stackAddresses.brokers.join(',')}: run \`npm run stack:up\``,
      {
        cause: error,
      },
    );
  }
  try {
    return await use(admin);
  } finally {
    await admin.disconnect();
  }
}
