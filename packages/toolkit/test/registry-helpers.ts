import { randomUUID } from 'node:crypto';
import { afterAll } from 'vitest';
import { createRegistryHttp } from '../src/registry/registry-http.ts';
import { registryUrl } from './helpers.ts';

const http = createRegistryHttp({ url: registryUrl });

/** Fails with a clear message instead of skipping when the local stack is not running. */
export async function assertRegistryReachable(): Promise<void> {
  try {
    const { status } = await http.call('GET', '/subjects');
    if (status !== 200) throw new Error(`GET /subjects answered ${status}`);
  } catch (error) {
    throw new Error(
      `The schema registry at ${registryUrl} is not reachable (${(error as Error).message}): start it with \`npm run stack:up\``,
    );
  }
}

const created: string[] = [];
let cleanupRegistered = false;

/** A subject no other test uses; it is deleted after the file's tests. */
export function testSubject(prefix: string): string {
  const subject = `${prefix}-${randomUUID().slice(0, 8)}-value`;
  created.push(subject);
  if (!cleanupRegistered) {
    cleanupRegistered = true;
    afterAll(async () => {
      await inBatches(created.splice(0), 8, async (name) => {
        await http.call('DELETE', `/subjects/${encodeURIComponent(name)}`);
        await http.call('DELETE', `/subjects/${encodeURIComponent(name)}?permanent=true`);
      });
    }, 120_000);
  }
  return subject;
}

/** Registers a schema; true when accepted, false when refused as incompatible (409), throws otherwise. */
export async function register(subject: string, schema: unknown): Promise<boolean> {
  const path = `/subjects/${encodeURIComponent(subject)}/versions`;
  const { status, data } = await http.call('POST', path, {
    schemaType: 'AVRO',
    schema: JSON.stringify(schema),
  });
  if (status === 409) return false;
  if (status !== 200) throw http.rejected('POST', path, status, data);
  return true;
}

/** Runs `task` over `items` with at most `size` in flight. */
export async function inBatches<T, R>(
  items: readonly T[],
  size: number,
  task: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
  return results;
}
