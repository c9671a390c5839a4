import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { loadCatalog } from '../src/catalog/load-catalog.ts';
import { ContractError } from '../src/errors.ts';
import { type RegistrationRow, registerSubjects } from '../src/registry/register-subjects.ts';
import { createRegistryRest } from '../src/registry/registry-rest.ts';

const usage = `Usage: npm run schemas:register -- [--dry-run] [--json] [--schemas <dir>]

Registers every subject of schemas/ with the registry at SCHEMA_REGISTRY_URL, after setting its
compatibility level. Optional basic auth: SCHEMA_REGISTRY_USERNAME, SCHEMA_REGISTRY_PASSWORD.`;

const envSchema = z.object({
  SCHEMA_REGISTRY_URL: z.url().default('http://127.0.0.1:8081/apis/ccompat/v7'),
  SCHEMA_REGISTRY_USERNAME: z.string().min(1).optional(),
  SCHEMA_REGISTRY_PASSWORD: z.string().optional(),
});

const { values: flags } = parseArgs({
  options: {
    'dry-run': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    schemas: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (flags.help) {
  console.log(usage);
  process.exit(0);
}

const env = envSchema.safeParse(process.env);
if (!env.success) {
  const problems = env.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
  console.error(`Invalid environment:\n${problems.join('\n')}`);
  process.exit(1);
}

const schemasDir = flags.schemas
  ? resolve(flags.schemas)
  : join(dirname(fileURLToPath(import.meta.url)), '../schemas');
const rest = createRegistryRest({
  url: env.data.SCHEMA_REGISTRY_URL,
  ...(env.data.SCHEMA_REGISTRY_USERNAME && { username: env.data.SCHEMA_REGISTRY_USERNAME }),
  ...(env.data.SCHEMA_REGISTRY_PASSWORD !== undefined && { password: env.data.SCHEMA_REGISTRY_PASSWORD }),
});

try {
  const rows = await registerSubjects(loadCatalog(schemasDir), rest, { dryRun: flags['dry-run'] });
  console.log(flags.json ? JSON.stringify(rows, null, 2) : renderTable(rows));
} catch (error) {
  if (!(error instanceof ContractError)) throw error;
  console.error(`schemas:register failed: ${error.message}`);
  process.exit(error.code === 'REGISTRY_UNAVAILABLE' ? 2 : 1);
}

function renderTable(rows: RegistrationRow[]): string {
  const header = ['subject', 'file', 'version', 'id', 'level', 'status'];
  const cells = rows.map((row) => [
    row.subject,
    row.file,
    row.version?.toString() ?? '-',
    row.id?.toString() ?? '-',
    row.previousLevel ? `${row.level} (was ${row.previousLevel})` : row.level,
    row.status,
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
