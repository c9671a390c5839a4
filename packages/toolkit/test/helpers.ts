import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stackAddresses } from '@events/test-kit/stack-addresses';
import { afterAll } from 'vitest';
import { createRegistryRest } from '../src/registry/registry-rest.ts';

export const { registryUrl, brokers } = stackAddresses;
export const rest = createRegistryRest({ url: registryUrl });
export const fixturesDir = join(import.meta.dirname, 'fixtures');

/** A throwaway copy of a fixture catalog folder (`schemas/` inside it), removed after the file's tests. */
export function copyFixture(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `toolkit-${name}-`));
  cpSync(join(fixturesDir, name), join(dir, 'schemas'), { recursive: true });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function readJson(file: string): { fields: unknown[] } & Record<string, unknown> {
  return JSON.parse(readFileSync(file, 'utf8'));
}
