import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { createRegistryRest } from '../src/registry/registry-rest.ts';

export const registryUrl = process.env.SCHEMA_REGISTRY_URL ?? 'http://127.0.0.1:8081/apis/ccompat/v7';
export const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
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
