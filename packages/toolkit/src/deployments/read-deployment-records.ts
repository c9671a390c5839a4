import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import type { DeploymentRecord } from '../contract-surface/deployment-record.ts';
import { EnvironmentUnreachableError } from './environment.ts';
import { deploymentRecordSchema } from './manifest-schema.ts';
import { describeIssues } from './parse-manifest.ts';

export interface RecordsRead {
  /** The latest record of each key still present (tombstones remove theirs), by key. */
  records: Map<string, DeploymentRecord>;
  /** Keys whose latest value is not a deployment record: reported, never counted. */
  unreadable: { key: string; problems: string[] }[];
}

/**
 * Reads the deployments topic from the beginning to its end as it is now. A missing or empty topic is "nothing
 * recorded". The group id is unique per read and never commits: a shared one would split the topic's partitions
 * between two concurrent reads (two CI jobs), and each would see half the fleet.
 */
export async function readDeploymentRecords(
  kafka: Kafka,
  topic: string,
  timeoutMs = 20_000,
): Promise<RecordsRead> {
  const admin = kafka.admin();
  const read: RecordsRead = { records: new Map(), unreadable: [] };
  try {
    await admin.connect();
    if (!(await admin.listTopics()).includes(topic)) return read;
    const ends = new Map(
      (await admin.fetchTopicOffsets(topic))
        .filter(({ offset, low }) => BigInt(offset) > BigInt(low))
        .map(({ partition, offset }) => [partition, BigInt(offset)]),
    );
    if (ends.size > 0) await consumeUntil(kafka, topic, ends, read, timeoutMs);
    return read;
  } catch (error) {
    if (error instanceof EnvironmentUnreachableError) throw error;
    throw new EnvironmentUnreachableError(`cannot read ${topic} from Kafka: ${(error as Error).message}`, {
      cause: error,
    });
  } finally {
    await admin.disconnect().catch(() => {});
  }
}

async function consumeUntil(
  kafka: Kafka,
  topic: string,
  ends: Map<number, bigint>,
  read: RecordsRead,
  timeoutMs: number,
): Promise<void> {
  const groupId = `contract-deployments-reader-${randomUUID()}`;
  const consumer = kafka.consumer({ groupId });
  const pending = new Set(ends.keys());
  let timer: NodeJS.Timeout | undefined;
  try {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      timer = setTimeout(
        () =>
          reject(new EnvironmentUnreachableError(`${topic} was not read to its end within ${timeoutMs} ms`)),
        timeoutMs,
      );
      consumer
        .run({
          autoCommit: false,
          eachMessage: async ({ partition, message }) => {
            apply(read, message.key?.toString() ?? '', message.value);
            const end = ends.get(partition);
            if (end !== undefined && BigInt(message.offset) + 1n >= end) pending.delete(partition);
            if (pending.size === 0) resolve();
          },
        })
        .catch(reject);
    });
  } finally {
    clearTimeout(timer);
    await consumer.disconnect().catch(() => {});
    const admin = kafka.admin();
    await admin
      .connect()
      .then(() => admin.deleteGroups([groupId]))
      .catch(() => {})
      .finally(() => admin.disconnect().catch(() => {}));
  }
}

function apply(read: RecordsRead, key: string, value: Buffer | null): void {
  read.unreadable = read.unreadable.filter((entry) => entry.key !== key);
  if (value === null) {
    read.records.delete(key);
    return;
  }
  let json: unknown;
  try {
    json = JSON.parse(value.toString('utf8'));
  } catch (error) {
    read.records.delete(key);
    read.unreadable.push({ key, problems: [`not JSON: ${(error as Error).message}`] });
    return;
  }
  const parsed = deploymentRecordSchema.safeParse(json);
  if (parsed.success) read.records.set(key, parsed.data);
  else {
    read.records.delete(key);
    read.unreadable.push({ key, problems: describeIssues(parsed.error) });
  }
}
