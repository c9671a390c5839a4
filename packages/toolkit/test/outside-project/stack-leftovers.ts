import { stackAddresses } from '@events/test-kit/stack-addresses';
import { Kafka, logLevel } from 'kafkajs';
import { onTestFinished } from 'vitest';

const { registryUrl, brokers } = stackAddresses;

/** Creates these topics (one partition each) for the running test; they are deleted when it finishes. */
export async function createTopicsForTest(topics: string[]): Promise<void> {
  const admin = new Kafka({
    clientId: 'toolkit-outside-project',
    brokers,
    logLevel: logLevel.NOTHING,
  }).admin();
  onTestFinished(async () => {
    await admin.deleteTopics({ topics }).catch(() => undefined);
    await admin.disconnect();
  });
  try {
    await admin.connect();
    await admin.createTopics({
      topics: topics.map((topic) => ({ topic, numPartitions: 1 })),
      waitForLeaders: true,
    });
  } catch (error) {
    throw new Error(
      `Kafka at ${brokers.join(',')} not usable (run \`npm run stack:up\`): ${(error as Error).message}`,
    );
  }
}

/**
 * When the running test finishes, deletes (soft, then permanently) every registry subject whose name contains
 * `marker`: subjects that reference others first, as the registry refuses to delete a referenced one.
 */
export function deleteSubjectsAfterTest(marker: string): void {
  onTestFinished(async () => {
    const listed = await fetch(`${registryUrl}/subjects`).then(
      (response) => response.json() as Promise<string[]>,
    );
    let left = listed.filter((subject) => subject.includes(marker));
    while (left.length > 0) {
      const refused: string[] = [];
      for (const subject of left) {
        const url = `${registryUrl}/subjects/${encodeURIComponent(subject)}`;
        if ((await fetch(url, { method: 'DELETE' })).ok)
          await fetch(`${url}?permanent=true`, { method: 'DELETE' });
        else refused.push(subject);
      }
      if (refused.length === left.length)
        throw new Error(`the registry refused to delete ${refused.join(', ')}`);
      left = refused;
    }
  });
}
