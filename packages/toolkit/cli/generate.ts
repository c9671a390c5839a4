#!/usr/bin/env node
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadCatalog } from '../src/catalog/load-catalog.ts';
import { renderGeneratedFiles } from '../src/codegen/render-generated-files.ts';
import { exitOnHelp, failWith, helpFlag } from './cli-support.ts';

const usage = `Usage: events-generate --schemas DIR --out DIR

Generates TypeScript types and the topic map of the schema catalog in --schemas (default ./schemas) into --out,
removing files there that the catalog no longer produces. The generated code imports @events/toolkit.`;

const { values } = parseArgs({
  options: {
    ...helpFlag,
    schemas: { type: 'string', default: 'schemas' },
    out: { type: 'string' },
  },
});
exitOnHelp(values.help, usage);
if (!values.out) failWith(`--out is required.\n\n${usage}`, 2);

try {
  const outDir = resolve(values.out);
  const files = renderGeneratedFiles(loadCatalog(resolve(values.schemas)));
  mkdirSync(outDir, { recursive: true });
  const wanted = new Set(files.map((file) => file.path));
  for (const name of readdirSync(outDir)) {
    if (!wanted.has(name)) {
      rmSync(join(outDir, name), { recursive: true });
      console.log(`removed ${join(values.out, name)}`);
    }
  }
  for (const file of files) {
    const path = join(outDir, file.path);
    if (readFileSafe(path) === file.content) continue;
    writeFileSync(path, file.content);
    console.log(`wrote ${join(values.out, file.path)}`);
  }
} catch (error) {
  failWith(`events-generate failed: ${(error as Error).message}`, 1);
}

function readFileSafe(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
