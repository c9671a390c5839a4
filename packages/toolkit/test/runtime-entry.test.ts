import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const packageDir = join(import.meta.dirname, '..');
const distDir = join(packageDir, 'dist');

// Resolves and records every module (ESM and require) the entry pulls in, in a fresh Node process.
const recordLoadedModules = `
import { registerHooks } from 'node:module';
const loaded = new Set();
registerHooks({ resolve(specifier, context, next) { const found = next(specifier, context); loaded.add(found.url); return found; } });
await import(process.argv[1]);
console.log(JSON.stringify([...loaded]));
`;

/** What importing a built entry loads: the toolkit's source files (through the chunks' source maps) and packages. */
function loadedBy(entry: string): { sources: string[]; packages: string[] } {
  const file = join(distDir, entry);
  if (!existsSync(file))
    throw new Error(`${relative(packageDir, file)} is missing: run \`npm run build\` first`);
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', recordLoadedModules, file], {
    encoding: 'utf8',
  });
  const urls = (JSON.parse(output) as string[])
    .filter((url) => url.startsWith('file:'))
    .map((url) => fileURLToPath(url));
  const sources = new Set<string>();
  const packages = new Set<string>();
  for (const path of urls) {
    const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path);
    if (inPackage?.[1]) packages.add(inPackage[1]);
    else if (path.startsWith(distDir)) {
      const map = JSON.parse(readFileSync(`${path}.map`, 'utf8')) as { sources: string[] };
      // Relative to the package, however deep the folder the build ran from: `../src/x.ts` → `src/x.ts`.
      for (const source of map.sources) sources.add(source.replace(/^(\.\.\/)+/, ''));
    }
  }
  return { sources: [...sources].sort(), packages: [...packages].sort() };
}

const buildToolSource =
  /^(src\/(catalog|check|codegen|compatibility|docs|findings|governance)\/|src\/registry\/register-catalog\.ts|cli\/)/;
const buildToolPackages = ['jsonc-parser', 'yaml', 'zod'];

describe('the two entries', () => {
  it('the runtime entry (what services import) loads no build tool, module or package', () => {
    const { sources, packages } = loadedBy('index.js');
    expect(sources).toContain('src/serde/create-serde.ts');
    expect(packages).toContain('avsc');
    expect(sources.filter((source) => buildToolSource.test(source))).toEqual([]);
    expect(packages.filter((name) => buildToolPackages.includes(name))).toEqual([]);
  });

  it('the build entry brings the catalog loader, checker and registration', () => {
    const { sources, packages } = loadedBy('build.js');
    expect(sources).toEqual(
      expect.arrayContaining([
        'src/catalog/load-catalog.ts',
        'src/check/run-schemas-check.ts',
        'src/registry/register-catalog.ts',
      ]),
    );
    expect(packages).toEqual(expect.arrayContaining(['jsonc-parser', 'zod']));
  });
});
