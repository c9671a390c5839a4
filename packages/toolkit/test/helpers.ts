import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scratchDir } from '@events/test-kit/scratch-dir';
import { stackAddresses } from '@events/test-kit/stack-addresses';
import { createRegistryClient } from '../src/registry/registry-client.ts';

export const { registryUrl, brokers } = stackAddresses;
export const rest = createRegistryClient({ url: registryUrl });
export const fixturesDir = join(import.meta.dirname, 'fixtures');

/** A throwaway copy of a fixture catalog folder (`schemas/` inside it), removed with its test (or file). */
export function copyFixture(name: string): string {
  const dir = scratchDir(`toolkit-${name}-`);
  cpSync(join(fixturesDir, name), join(dir, 'schemas'), { recursive: true });
  return dir;
}

export function readJson(file: string): { fields: unknown[] } & Record<string, unknown> {
  return JSON.parse(readFileSync(file, 'utf8'));
}
