#!/usr/bin/env node
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatGithub } from '../src/check/format-github.ts';
import { formatHuman } from '../src/check/format-human.ts';
import { formatSarif } from '../src/check/format-sarif.ts';
import { runSchemasCheck } from '../src/check/run-schemas-check.ts';
import { GitHistoryError } from '../src/governance/history/git.ts';
import { exitOnHelp, failWith, helpFlag } from './cli-support.ts';

const usage = `Usage: events-schemas-check [--schemas DIR] [--out DIR] [--format human|json|github|sarif]
                            [--against GIT_REF] [--lint-only] [--registry URL]

Checks every subject of the catalog in --schemas (default ./schemas): its newest schema against its history
under its level, every change of a shared type against each subject using it, key schemas for changes of the
key bytes, and lints each newest schema (rules and settings: lint.json in the catalog folder). With --out,
also that the generated code there is up to date. With --against, every published file the ref has (versions,
their references, subject levels, topics) must be unchanged and present. --lint-only runs the lint rules
alone. With --registry (or SCHEMA_REGISTRY_URL), also asks the registry for its verdict. Exits 0 only when
there is no error (warnings do not fail), 2 on bad usage or an unknown ref.`;

const formats = ['human', 'json', 'github', 'sarif'];
const { values } = parseArgs({
  options: {
    ...helpFlag,
    format: { type: 'string', default: 'human' },
    registry: { type: 'string' },
    schemas: { type: 'string', default: 'schemas' },
    out: { type: 'string' },
    against: { type: 'string' },
    'lint-only': { type: 'boolean', default: false },
  },
});
exitOnHelp(values.help, usage);
if (!formats.includes(values.format)) failWith(`Unknown --format "${values.format}".\n\n${usage}`, 2);

const registryUrl = values['lint-only'] ? undefined : (values.registry ?? process.env.SCHEMA_REGISTRY_URL);
const username = process.env.SCHEMA_REGISTRY_USERNAME;
const password = process.env.SCHEMA_REGISTRY_PASSWORD;
const report = await runSchemasCheck({
  schemasDir: resolve(values.schemas),
  lintOnly: values['lint-only'],
  ...(values.out !== undefined && { generatedDir: resolve(values.out) }),
  ...(values.against !== undefined && { against: values.against }),
  ...(registryUrl
    ? {
        registry: {
          url: registryUrl,
          ...(username === undefined ? {} : { username }),
          ...(password === undefined ? {} : { password }),
        },
      }
    : {}),
}).catch((error: unknown) => {
  if (!(error instanceof GitHistoryError)) throw error;
  return failWith(`--against ${values.against}: ${error.message}`, 2);
});

// npm runs workspace scripts inside the workspace; paths read best from where the user typed the command.
const cwd = process.env.INIT_CWD ?? process.cwd();
const root = process.env.GITHUB_WORKSPACE ?? cwd;
if (values.format === 'json') process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
else if (values.format === 'github') process.stdout.write(formatGithub(report, { root }));
else if (values.format === 'sarif') process.stdout.write(formatSarif(report, { root }));
else process.stdout.write(formatHuman(report, { cwd, stream: process.stdout }));
process.exitCode = report.ok ? 0 : 1;
