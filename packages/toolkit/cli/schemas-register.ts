#!/usr/bin/env node
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import type { Catalog } from '../src/catalog/catalog.ts';
import { CatalogError } from '../src/catalog/catalog-error.ts';
import { loadCatalog } from '../src/catalog/load-catalog.ts';
import { ContractError, isContractError } from '../src/errors.ts';
import { planCatalog, type RegistrationRow, registerCatalog } from '../src/registry/register-catalog.ts';
import { createRegistryClient } from '../src/registry/registry-client.ts';
import { exitOnHelp, failWith, helpFlag } from './cli-support.ts';

const usage = `Usage: events-schemas-register [--schemas DIR] [--dry-run] [--json]

Validates the whole catalog in --schemas (default ./schemas), then registers its subjects with the registry at
SCHEMA_REGISTRY_URL in dependency order (referenced subjects first), each after setting its compatibility level.
--dry-run changes nothing: with the registry reachable it shows what a run would change (levels, new versions,
versions already registered); without one it prints the plan from the catalog alone (order, references, levels).
Optional basic auth: SCHEMA_REGISTRY_USERNAME, SCHEMA_REGISTRY_PASSWORD.`;

const envSchema = z.object({
  SCHEMA_REGISTRY_URL: z.url().default('http://127.0.0.1:8081/apis/ccompat/v7'),
  SCHEMA_REGISTRY_USERNAME: z.string().min(1).optional(),
  SCHEMA_REGISTRY_PASSWORD: z.string().optional(),
});

const { values: flags } = parseArgs({
  options: {
    ...helpFlag,
    'dry-run': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    schemas: { type: 'string', default: 'schemas' },
  },
});
exitOnHelp(flags.help, usage);

const env = envSchema.safeParse(process.env);
if (!env.success) {
  const problems = env.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
  failWith(`Invalid environment:\n${problems.join('\n')}`, 1);
}

const schemasDir = resolve(flags.schemas);
const registryUrl = env.data.SCHEMA_REGISTRY_URL;
const registry = createRegistryClient({
  url: registryUrl,
  ...(env.data.SCHEMA_REGISTRY_USERNAME && { username: env.data.SCHEMA_REGISTRY_USERNAME }),
  ...(env.data.SCHEMA_REGISTRY_PASSWORD !== undefined && { password: env.data.SCHEMA_REGISTRY_PASSWORD }),
});

try {
  // Loading validates every file of the catalog: nothing is sent when any of them is wrong.
  const catalog = loadCatalog(schemasDir);
  const { rows, title } = await registerOrPlan(catalog, flags['dry-run']);
  if (flags.json) {
    // stdout stays the JSON rows (each row's status says whether it is a plan); the title goes to stderr.
    if (title) console.error(title);
    console.log(JSON.stringify(rows, null, 2));
  } else {
    console.log([title, renderTable(rows, flags['dry-run'])].filter(Boolean).join('\n\n'));
  }
} catch (error) {
  if (error instanceof CatalogError)
    failWith(`events-schemas-register: invalid catalog (${error.code}): ${error.message}`, 1);
  if (!(error instanceof ContractError)) throw error;
  failWith(`events-schemas-register failed: ${error.message}`, error.code === 'REGISTRY_UNAVAILABLE' ? 2 : 1);
}

/** A dry run without a reachable registry still answers: with the plan from the catalog alone. */
async function registerOrPlan(
  catalog: Catalog,
  dryRun: boolean,
): Promise<{ rows: RegistrationRow[]; title: string | undefined }> {
  try {
    const rows = await registerCatalog(catalog, registry, { dryRun });
    return { rows, title: dryRun ? dryRunTitle(rows) : undefined };
  } catch (error) {
    if (!(dryRun && isContractError(error, 'REGISTRY_UNAVAILABLE'))) throw error;
    const title =
      `PLAN from the catalog alone, nothing sent: the registry is not reachable (${error.message}).\n` +
      'On a registry without these subjects, a run would set each level and register each version in this order.';
    return { rows: planCatalog(catalog), title };
  }
}

function dryRunTitle(rows: RegistrationRow[]): string {
  const levels = new Set(rows.filter((row) => row.previousLevel).map((row) => row.subject)).size;
  const count = (status: RegistrationRow['status']) => rows.filter((row) => row.status === status).length;
  return (
    `DRY RUN against ${registryUrl}, nothing changed. A run would set ${levels} subject level(s) and register ` +
    `${count('would register')} new version(s); ${count('unchanged')} already registered, ${count('superseded')} superseded.`
  );
}

/** The level, and the change a run made (`FULL (was NONE)`) or a dry run would make (`NONE -> FULL`). */
function levelCell({ level, previousLevel }: RegistrationRow, dryRun: boolean): string {
  if (!previousLevel) return level;
  return dryRun ? `${previousLevel} -> ${level}` : `${level} (was ${previousLevel})`;
}

function renderTable(rows: RegistrationRow[], dryRun: boolean): string {
  const header = ['subject', 'file', 'version', 'id', 'level', 'status', 'references'];
  const cells = rows.map((row) => [
    row.subject,
    row.file,
    row.version?.toString() ?? '-',
    row.id?.toString() ?? '-',
    levelCell(row, dryRun),
    row.status,
    row.references.join(' '),
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...cells.map((line) => line[column]?.length ?? 0)),
  );
  const format = (line: string[]): string =>
    line
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  return [format(header), ...cells.map(format)].join('\n');
}
