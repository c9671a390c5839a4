#!/usr/bin/env node
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadCatalog } from '../src/catalog/load-catalog.ts';
import {
  type ImportExtension,
  importExtensions,
  renderGeneratedFiles,
} from '../src/codegen/render-generated-files.ts';
import { MANIFEST, writeGeneratedFiles } from '../src/codegen/write-generated-files.ts';
import { exitOnHelp, failWith, helpFlag } from './cli-support.ts';

const usage = `Usage: events-generate --schemas DIR --out DIR [--import-extension .ts|.js|none]

Generates TypeScript types and the topic map of the schema catalog in --schemas (default ./schemas) into --out.
The generated code imports @events/toolkit. --out may hold other files: events-generate lists what it writes in
${MANIFEST} there, replaces and deletes only those files, and refuses to overwrite any other file.

--import-extension  how the generated modules import each other (default .ts):
  .ts   for TypeScript that only type-checks, runs with Node's type stripping, or compiles with
        rewriteRelativeImportExtensions
  .js   for a project that compiles to JavaScript (module/moduleResolution NodeNext)
  none  for bundler resolution`;

const { values } = parseArgs({
  options: {
    ...helpFlag,
    schemas: { type: 'string', default: 'schemas' },
    out: { type: 'string' },
    'import-extension': { type: 'string', default: '.ts' },
  },
});
exitOnHelp(values.help, usage);
if (!values.out) failWith(`--out is required.\n\n${usage}`, 2);
const importExtension = values['import-extension'] as ImportExtension;
if (!importExtensions.includes(importExtension))
  failWith(`--import-extension must be one of ${importExtensions.join(', ')}.\n\n${usage}`, 2);

try {
  const files = renderGeneratedFiles(loadCatalog(resolve(values.schemas)), { importExtension });
  const { written, removed } = writeGeneratedFiles(resolve(values.out), files, importExtension);
  for (const path of removed) console.log(`removed ${join(values.out, path)}`);
  for (const path of written) console.log(`wrote ${join(values.out, path)}`);
} catch (error) {
  failWith(`events-generate failed: ${(error as Error).message}`, 1);
}
