import { describe, expect, it } from 'vitest';
import type { ContractManifest } from './contract-manifest.ts';
import { createDeploymentRecorder, type RecordProducer } from './record-deployment.ts';

const manifest = { service: { name: 'billing-service' } } as ContractManifest;
const admin = {
  connect: async () => undefined,
  createTopics: async () => true,
  disconnect: async () => undefined,
};

/** A producer that acknowledges records and answers tombstones with `tombstone()`. */
function producerWith(tombstone: () => Promise<unknown>) {
  const sent: Array<string | null> = [];
  let disconnected = false;
  const producer: RecordProducer = {
    connect: async () => undefined,
    disconnect: async () => {
      disconnected = true;
    },
    send: async ({ messages }) => {
      const value = messages[0]?.value ?? null;
      sent.push(value);
      return value === null ? tombstone() : undefined;
    },
  };
  return { producer, sent, disconnected: () => disconnected };
}

function recorderWith(producer: RecordProducer) {
  const warnings: string[] = [];
  const recorder = createDeploymentRecorder({
    manifest: async () => manifest,
    producer,
    admin,
    logger: { info: () => undefined, warn: (_details, message) => warnings.push(message) },
    retractBudgetMs: 50,
  });
  return { recorder, warnings };
}

describe('the deployment recorder stopping', () => {
  it('writes the tombstone and disconnects', async () => {
    const kafka = producerWith(async () => undefined);
    const { recorder, warnings } = recorderWith(kafka.producer);
    recorder.start();
    await recorder.stop();
    expect(kafka.sent).toHaveLength(2);
    expect(kafka.sent[1]).toBeNull();
    expect(kafka.disconnected()).toBe(true);
    expect(warnings).toEqual([]);
  });

  it('gives up on the tombstone when the broker does not answer, so shutdown does not wait on it', async () => {
    const kafka = producerWith(() => new Promise(() => undefined));
    const { recorder, warnings } = recorderWith(kafka.producer);
    recorder.start();
    await recorder.stop();
    expect(kafka.sent[1]).toBeNull();
    expect(kafka.disconnected()).toBe(true);
    expect(warnings).toEqual(['could not retract this deployment; it expires with its lastSeen']);
  });
});
