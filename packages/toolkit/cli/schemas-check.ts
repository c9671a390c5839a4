#!/usr/bin/env node
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatGithub } from '../src/check/format-github.ts';
import { formatHuman } from '../src/check/format-human.ts';
import { runSchemasCheck } from '../src/check/run-schemas-check.ts';
import { exitOnHelp, failWith, helpFlag } from './cli-support.ts';

const usage = `Usage: events-schemas-check [--schemas DIR] [--out DIR] [--format human|json|github] [--registry URL]

Checks every subject of the catalog in --schemas (default ./schemas): its newest schema against its history
under its level, every change of a shared type against each subject using it, and key schemas for changes of
the key bytes. With --out, also that the generated code there is up to date. With --registry (or
SCHEMA_REGISTRY_URL), also asks the registry for its verdict. Exits 0 only when everything is compatible and valid.`;

const { values } = parseArgs({
  options: {
    ...helpFlag,
    format: { type: 'string', default: 'human' },
    registry: { type: 'string' },
    schemas: { type: 'string', default: 'schemas' },
    out: { type: 'string' },
  },
});
exitOnHelp(values.help, usage);
if (!['human', 'json', 'github'].includes(values.format))
  failWith(`Unknown --format "${values.format}".\n\n${usage}`, 2);

const registryUrl = values.registry ?? process.env.SCHEMA_REGISTRY_URL;
const username = process.env.SCHEMA_REGISTRY_USERNAME;
const password = process.env.SCHEMA_REGISTRY_PASSWORD;
const report = await runSchemasCheck({
  schemasDir: resolve(values.schemas),
  ...(values.out !== undefined && { generatedDir: resolve(values.out) }),
  ...(registryUrl
    ? {
        registry: {
          url: registryUrl,
          ...(username === undefined ? {} : { username }),
          ...(password === undefined ? {} : { password }),
        },
      }
    : {}),
});

// npm runs workspace scripts inside the workspace; paths read best from where the user typed the command.
const cwd = process.env.INIT_CWD ?? process.cwd();
if (values.format === 'json') process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
else if (values.format === 'github')
  process.stdout.write(formatGithub(report, { root: process.env.GITHUB_WORKSPACE ?? cwd }));
else process.stdout.write(formatHuman(report, { cwd, stream: process.stdout }));
process.exitCode = report.ok ? 0 : 1;
