import { Kafka, logLevel } from 'kafkajs';

/** A stack client: a probe must answer fast, so no retries; creating topics right after start-up may need a few. */
export function stackClient(brokers: string[], retries: number): Kafka {
  return new Kafka({
    clientId: 'stack',
    brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1000,
    retry: { retries },
  });
}

/** True when a broker among `brokers` answers a metadata request. */
export async function metadataAnswers(brokers: string[]): Promise<boolean> {
  const admin = stackClient(brokers, 0).admin();
  try {
    await admin.connect();
    const { brokers: registered } = await admin.describeCluster();
    return registered.length > 0;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
