import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scratchDir } from '@events/test-kit/scratch-dir';
import { binPath, contractsDir } from '../helpers.ts';

export const cliPath = binPath('events-schemas-check');

/** The arguments that point schemas:check at a copy made by copyContracts. */
export const copyArgs = (dir: string): string[] => [
  '--schemas',
  join(dir, 'schemas'),
  '--out',
  join(dir, 'src', 'generated'),
];

/** A throwaway copy of the contracts' schemas and generated files, removed with its test (or file). */
export function copyContracts(): string {
  const dir = scratchDir('schemas-check-');
  cpSync(join(contractsDir, 'schemas'), join(dir, 'schemas'), { recursive: true });
  cpSync(join(contractsDir, 'src', 'generated'), join(dir, 'src', 'generated'), { recursive: true });
  return dir;
}

export function readJson(file: string): { fields: unknown[] } & Record<string, unknown> {
  return JSON.parse(readFileSync(file, 'utf8'));
}

export function writeJson(file: string, value: unknown): void {
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

/** Runs the schemas:check CLI offline (no registry), with paths printed relative to the contracts folder. */
export function schemasCheck(args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, INIT_CWD: contractsDir };
  delete env.SCHEMA_REGISTRY_URL;
  delete env.GITHUB_WORKSPACE;
  const result = spawnSync(process.execPath, [cliPath, ...args], { encoding: 'utf8', env, timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The user_register-value subject folder in a copy. */
export const subjectDir = (dir: string) => join(dir, 'schemas', 'user_register-value');

/** A copy whose new v3 is v2 plus one field. */
export function copyWithNewField(field: Record<string, unknown>): string {
  const dir = copyContracts();
  const v2 = readJson(join(subjectDir(dir), 'v2.avsc'));
  writeJson(join(subjectDir(dir), 'v3.avsc'), { ...v2, fields: [...v2.fields, field] });
  return dir;
}
