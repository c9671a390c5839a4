import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const packageDir = join(import.meta.dirname, '..');

/**
 * Lowest first: a module imports only from its own layer or a lower one, so the vocabulary never depends on the
 * tools that use it and the checker's parts never reach back up (type-only imports included).
 */
const layers: readonly (readonly string[])[] = [
  ['src/errors.ts', 'src/compatibility-level.ts', 'src/topic-descriptor.ts', 'src/findings/'],
  ['src/avro/', 'src/topics.ts'],
  ['src/compatibility/'],
  ['src/catalog/'],
  ['src/registry/', 'src/serde/', 'src/handlers.ts', 'src/message-contract.ts'],
  ['src/contract-surface/'],
  ['src/codegen/', 'src/docs/'],
  ['src/governance/'],
  ['src/check/'],
  ['src/deployments/', 'src/can-i-deploy/'],
  ['src/index.ts', 'src/build-tools.ts', 'cli/'],
];

function layerOf(file: string): number {
  return layers.findIndex((layer) => layer.some((prefix) => file === prefix || file.startsWith(prefix)));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(packageDir, dir), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts') && !/\.test(-d)?\.ts$/.test(name))
    .map((name) => join(dir, name));
}

const { options } = ts.parseJsonConfigFileContent(
  ts.readConfigFile(join(packageDir, 'tsconfig.json'), ts.sys.readFile).config,
  ts.sys,
  packageDir,
);

/** Every module each source file imports within the package, as TypeScript resolves it (`import type` too). */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of [...sourceFiles('src'), ...sourceFiles('cli')]) {
    const path = join(packageDir, file);
    const { importedFiles } = ts.preProcessFile(readFileSync(path, 'utf8'), true, true);
    const targets = importedFiles.flatMap(({ fileName }) => {
      const resolved = ts.resolveModuleName(fileName, path, options, ts.sys).resolvedModule;
      if (!resolved || resolved.isExternalLibraryImport) return [];
      const target = relative(packageDir, resolved.resolvedFileName);
      return target.startsWith('src/') || target.startsWith('cli/') ? [target] : [];
    });
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** One cycle through each strongly connected group of modules, as `a → b → a`. */
function cycles(graph: Map<string, string[]>): string[] {
  const found: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const target of graph.get(file) ?? []) {
      if (state.get(target) === 'open')
        found.push([...stack.slice(stack.indexOf(target)), target].join(' → '));
      else if (!state.has(target)) visit(target);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return found;
}

describe("the toolkit's import graph", () => {
  const graph = importGraph();

  it('has every source file in a layer', () => {
    expect([...graph.keys()].filter((file) => layerOf(file) === -1)).toEqual([]);
  });

  it('imports only from the same or a lower layer', () => {
    const upward = [...graph].flatMap(([file, targets]) =>
      targets.filter((target) => layerOf(target) > layerOf(file)).map((target) => `${file} → ${target}`),
    );
    expect(upward).toEqual([]);
  });

  it('has no import cycle', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('sees imports the way TypeScript resolves them', () => {
    expect(graph.get('src/check/run-schemas-check.ts')).toContain('src/catalog/load-catalog.ts');
    expect(graph.get('cli/schemas-check.ts')).toContain('src/check/run-schemas-check.ts');
  });
});
