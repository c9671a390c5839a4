#!/usr/bin/env node
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { CatalogError } from '../src/catalog/catalog-error.ts';
import { loadCatalog } from '../src/catalog/load-catalog.ts';
import { ContractError } from '../src/errors.ts';
import { type RegistrationRow, registerCatalog } from '../src/registry/register-catalog.ts';
import { createRegistryRest } from '../src/registry/registry-rest.ts';
import { exitOnHelp, failWith, helpFlag } from './cli-support.ts';

const usage = `Usage: events-schemas-register [--schemas DIR] [--dry-run] [--json]

Validates the whole catalog in --schemas (default ./schemas), then registers its subjects with the registry at
SCHEMA_REGISTRY_URL in dependency order (referenced subjects first), each after setting its compatibility level.
--dry-run prints that order and what would be registered, without changing anything.
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
const rest = createRegistryRest({
  url: env.data.SCHEMA_REGISTRY_URL,
  ...(env.data.SCHEMA_REGISTRY_USERNAME && { username: env.data.SCHEMA_REGISTRY_USERNAME }),
  ...(env.data.SCHEMA_REGISTRY_PASSWORD !== undefined && { password: env.data.SCHEMA_REGISTRY_PASSWORD }),
});

try {
  // Loading validates every file of the catalog: nothing is sent when any of them is wrong.
  const catalog = loadCatalog(schemasDir);
  const rows = await registerCatalog(catalog, rest, { dryRun: flags['dry-run'] });
  console.log(flags.json ? JSON.stringify(rows, null, 2) : renderTable(rows));
} catch (error) {
  if (error instanceof CatalogError)
    failWith(`events-schemas-register: invalid catalog (${error.code}): ${error.message}`, 1);
  if (!(error instanceof ContractError)) throw error;
  failWith(`events-schemas-register failed: ${error.message}`, error.code === 'REGISTRY_UNAVAILABLE' ? 2 : 1);
}

function renderTable(rows: RegistrationRow[]): string {
  const header = ['subject', 'file', 'version', 'id', 'level', 'status', 'references'];
  const cells = rows.map((row) => [
    row.subject,
    row.file,
    row.version?.toString() ?? '-',
    row.id?.toString() ?? '-',
    row.previousLevel ? `${row.level} (was ${row.previousLevel})` : row.level,
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
