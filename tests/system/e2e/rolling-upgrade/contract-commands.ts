import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '@events/stack/paths';
import type { ServiceVariant } from './variant-bundle.ts';
import type { VariantCatalog } from './variant-catalog.ts';

/** Where the toolkit's commands find the environment: the services' variable names. */
export interface Environment {
  brokers: string[];
  registryUrl: string;
}

/** What `events-can-i-deploy --format json` printed, and its exit code (0 yes, 1 no, 2 no answer). */
export interface DeployAnswer {
  exitCode: number;
  ok: boolean;
  refusals: Array<{ rule: string; against: string; path: string; message: string }>;
  notes: string[];
}

const node = process.execPath;
const toolkitBin = (name: string) => join(repoRoot, 'packages/toolkit/bin', `${name}.js`);

function envOf(environment: Environment): NodeJS.ProcessEnv {
  return {
    ...process.env,
    KAFKA_BROKERS: environment.brokers.join(','),
    SCHEMA_REGISTRY_URL: environment.registryUrl,
  };
}

/** Registers every version of the variant catalog not registered yet, as `npm run schemas:register` does. */
export async function registerCatalog(catalog: VariantCatalog, environment: Environment): Promise<void> {
  await promisify(execFile)(node, [toolkitBin('events-schemas-register'), '--schemas', catalog.schemasDir], {
    env: envOf(environment),
  });
}

/** The manifest the variant's build would deploy, written to a file beside it: can-i-deploy's candidate. */
export async function writeManifest(variant: ServiceVariant, dir: string): Promise<string> {
  const { stdout } = await promisify(execFile)(node, [variant.manifestCommand]);
  const file = join(dir, `${variant.service}-${variant.version}.manifest.json`);
  writeFileSync(file, stdout);
  return file;
}

/** `can-i-deploy --manifest` for the variant, its refusals placed in its own catalog's files. */
export async function canIDeploy(
  variant: ServiceVariant,
  manifestFile: string,
  environment: Environment,
): Promise<DeployAnswer> {
  const args = [
    toolkitBin('events-can-i-deploy'),
    ...['--manifest', manifestFile, '--schemas', variant.catalog.schemasDir, '--format', 'json'],
  ];
  const { exitCode, stdout, stderr } = await new Promise<{
    exitCode: number;
    stdout: string;
    stderr: string;
  }>((resolve) => {
    execFile(node, args, { env: envOf(environment) }, (error, stdout, stderr) =>
      resolve({ exitCode: error ? Number(error.code ?? 2) : 0, stdout, stderr }),
    );
  });
  if (exitCode === 2) throw new Error(`can-i-deploy had no answer for ${variant.label}: ${stderr.trim()}`);
  const verdict = JSON.parse(stdout) as Omit<DeployAnswer, 'exitCode'>;
  return { exitCode, ok: verdict.ok, refusals: verdict.refusals, notes: verdict.notes };
}
