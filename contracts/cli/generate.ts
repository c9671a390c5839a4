import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCatalog } from '../src/catalog/load-catalog.ts';
import { GENERATED_DIR, renderGeneratedFiles } from '../src/codegen/render-generated-files.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const files = renderGeneratedFiles(loadCatalog(join(root, 'schemas')));
const outDir = join(root, GENERATED_DIR);
mkdirSync(outDir, { recursive: true });

const wanted = new Set(files.map((file) => join(root, file.path)));
for (const name of readdirSync(outDir)) {
  const path = join(outDir, name);
  if (!wanted.has(path)) {
    rmSync(path, { recursive: true });
    console.log(`removed ${join(GENERATED_DIR, name)}`);
  }
}
for (const file of files) {
  const path = join(root, file.path);
  const current = readFileSafe(path);
  if (current === file.content) continue;
  writeFileSync(path, file.content);
  console.log(`wrote ${file.path}`);
}

function readFileSafe(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
