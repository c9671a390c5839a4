import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { binPath, contractsDir } from '../helpers.ts';

export const cliPath = binPath('events-schemas-check');

/** The arguments that point schemas:check at a copy made by copyContracts. */
export const copyArgs = (dir: string): string[] => [
  '--schemas',
  join(dir, 'schemas'),
  '--out',
  join(dir, 'src', 'generated'),
];

/** A throwaway copy of the contracts' schemas and generated files, removed after the file's tests. */
export function copyContracts(): string {
  const dir = mkdtempSync(join(tmpdir(), 'schemas-check-'));
  cpSync(join(contractsDir, 'schemas'), join(dir, 'schemas'), { recursive: true });
  cpSync(join(contractsDir, 'src', 'generated'), join(dir, 'src', 'generated'), { recursive: true });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function readJson(file: string): { fields: unknown[] } & Record<string, unknown> {
  return JSON.parse(readFileSync(file, 'utf8'));
}

export function writeJson(file: string, value: unknown): void {
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}
