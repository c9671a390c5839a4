import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cpSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { scratchDir } from '@events/test-kit/scratch-dir';
import { stackAddresses } from '@events/test-kit/stack-addresses';
import { createRegistryClient } from '@events/toolkit';
import { loadCatalog, registerCatalog, type SubjectEntry } from '@events/toolkit/build';

export const contractsDir = join(dirname(fileURLToPath(import.meta.url)), '..');
export const repoRoot = join(contractsDir, '..');
export const { registryUrl, brokers } = stackAddresses;
export const rest = createRegistryClient({ url: registryUrl });

const run = promisify(execFile);

/** The real user_register-value history (v1, v2), under a subject name no other run uses. */
export function uniqueUserRegisterSubject(): SubjectEntry {
  const [entry] = loadCatalog(join(contractsDir, 'schemas')).subjects.filter(
    (e) => e.subject === 'user_register-value',
  );
  if (!entry) throw new Error('schemas/user_register-value is missing');
  return { ...entry, subject: `contracts-test-${randomUUID()}-value` };
}

export function schemaOf(entry: SubjectEntry, version: number): object {
  const found = entry.versions.find((v) => v.version === version);
  if (!found) throw new Error(`${entry.subject} has no v${version}`);
  return found.schema as object;
}

/** Registers the subject's whole history; fails the test with a clear message when the registry is not there. */
export async function registerHistory(entry: SubjectEntry): Promise<void> {
  try {
    await registerCatalog({ subjects: [entry] }, rest, { dryRun: false });
  } catch (error) {
    throw new Error(
      `registry at ${registryUrl} not usable (run \`npm run stack:up\`): ${(error as Error).message}`,
    );
  }
}

/** A copy of schemas/ whose user_register topic has a unique name; removed with its test (or file). */
export function tempSchemasDir(): { dir: string; subject: string; subjectDir: string } {
  const dir = scratchDir('contracts-schemas-');
  const topic = `contracts-test-${randomUUID()}`;
  const subject = `${topic}-value`;
  const subjectDir = join(dir, subject);
  cpSync(join(contractsDir, 'schemas/user_register-value'), subjectDir, { recursive: true });
  const declaration = { key: { type: 'string', doc: 'The user id.' } };
  writeFileSync(join(dir, 'topics.json'), JSON.stringify({ [topic]: declaration }));
  return { dir, subject, subjectDir };
}

/** `npm run stack:down|stack:up -- <part>`, exactly as an operator would. */
export async function stack(command: 'up' | 'down', part: 'registry' | 'kafka'): Promise<void> {
  await run('npm', ['run', '-s', `stack:${command}`, '--', part], { cwd: repoRoot, timeout: 180_000 });
}

/** Runs one of the toolkit's commands (its `bin`), as a user of the catalog would. */
export async function runCli(
  command: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [binPath(command), ...args], {
      cwd: contractsDir,
      env: { ...process.env, SCHEMA_REGISTRY_URL: registryUrl, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** The installed command, as npm links it for the workspace. */
export function binPath(command: string): string {
  return join(repoRoot, 'node_modules', '.bin', command);
}
