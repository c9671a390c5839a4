import { randomUUID } from 'node:crypto';
import { afterAll } from 'vitest';

export const registryUrl = process.env.SCHEMA_REGISTRY_URL ?? 'http://127.0.0.1:8081/apis/ccompat/v7';
const CONTENT_TYPE = 'application/vnd.schemaregistry.v1+json';

/** Fails with a clear message instead of skipping when the local stack is not running. */
export async function assertRegistryReachable(): Promise<void> {
  try {
    const response = await fetch(`${registryUrl}/subjects`, { signal: AbortSignal.timeout(5000) });
    if (!response.ok) throw new Error(`GET /subjects answered ${response.status}`);
  } catch (error) {
    throw new Error(
      `The schema registry at ${registryUrl} is not reachable (${(error as Error).message}): start it with \`npm run stack:up\``,
    );
  }
}

export async function registryRequest(method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${registryUrl}${path}`, {
    method,
    headers: { 'Content-Type': CONTENT_TYPE, Accept: CONTENT_TYPE },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(15_000),
  });
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
        await registryRequest('DELETE', `/subjects/${encodeURIComponent(name)}`);
        await registryRequest('DELETE', `/subjects/${encodeURIComponent(name)}?permanent=true`);
      });
    }, 120_000);
  }
  return subject;
}

export async function setLevel(subject: string, level: string): Promise<void> {
  const response = await registryRequest('PUT', `/config/${encodeURIComponent(subject)}`, {
    compatibility: level,
  });
  if (!response.ok)
    throw new Error(`PUT /config/${subject} ${level}: ${response.status} ${await response.text()}`);
}

/** Registers a schema; true when accepted, false when refused as incompatible (409), throws otherwise. */
export async function register(subject: string, schema: unknown): Promise<boolean> {
  const response = await registryRequest('POST', `/subjects/${encodeURIComponent(subject)}/versions`, {
    schemaType: 'AVRO',
    schema: JSON.stringify(schema),
  });
  if (response.status === 409) return false;
  if (!response.ok)
    throw new Error(`POST /subjects/${subject}/versions: ${response.status} ${await response.text()}`);
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
