import { setTimeout as sleep } from 'node:timers/promises';
import type { RunContext } from '@events/harness/run-context';

const WAIT_MS = 120_000;

async function kafkaUp(ctx: RunContext): Promise<boolean> {
  const admin = ctx.kafka.admin();
  try {
    await admin.connect();
    await admin.listTopics();
    return true;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

async function registryUp(ctx: RunContext): Promise<boolean> {
  return fetch(`${ctx.registryUrl}/subjects`).then(
    (r) => r.arrayBuffer().then(() => r.ok),
    () => false,
  );
}

/**
 * Waits (up to 2 min) for Kafka and the registry: on a shared stack another team's fault test may have
 * stopped one for a few seconds, and a figure measured across that gap would be meaningless.
 */
export async function waitForStack(ctx: RunContext): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  for (let announced = false; ; announced = true) {
    const [kafka, registry] = await Promise.all([kafkaUp(ctx), registryUp(ctx)]);
    if (kafka && registry) return;
    const down = [kafka ? '' : 'kafka', registry ? '' : 'registry'].filter(Boolean).join(' and ');
    if (Date.now() > deadline)
      throw new Error(`${down} still down after ${WAIT_MS / 1000} s: run \`npm run stack:up\``);
    if (!announced) ctx.log(`${down} down (someone's fault test?); waiting up to ${WAIT_MS / 1000} s`);
    await sleep(2000);
  }
}
