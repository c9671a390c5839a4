import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/** Source file → the files it imports within the package, paths relative to the package folder. */
export type ImportGraph = Map<string, string[]>;

/**
 * Every module each non-test source file under `roots` imports within the package, as TypeScript resolves it
 * with the package's tsconfig (`import type` included): layer and cycle tests read the real graph, not a regex's.
 */
export function importGraph(packageDir: string, roots: readonly string[]): ImportGraph {
  const { options } = ts.parseJsonConfigFileContent(
    ts.readConfigFile(join(packageDir, 'tsconfig.json'), ts.sys.readFile).config,
    ts.sys,
    packageDir,
  );
  const inRoots = (file: string) => roots.some((root) => file.startsWith(`${root}/`));
  const graph: ImportGraph = new Map();
  for (const root of roots) {
    const files = readdirSync(join(packageDir, root), { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith('.ts') && !/\.test(-d)?\.ts$/.test(name))
      .map((name) => join(root, name));
    for (const file of files) {
      const path = join(packageDir, file);
      const { importedFiles } = ts.preProcessFile(readFileSync(path, 'utf8'), true, true);
      const targets = importedFiles.flatMap(({ fileName }) => {
        const resolved = ts.resolveModuleName(fileName, path, options, ts.sys).resolvedModule;
        if (!resolved || resolved.isExternalLibraryImport) return [];
        const target = relative(packageDir, resolved.resolvedFileName);
        return inRoots(target) ? [target] : [];
      });
      graph.set(file, [...new Set(targets)]);
    }
  }
  return graph;
}

/** One cycle through each strongly connected group of modules, as `a → b → a`. */
export function importCycles(graph: ImportGraph): string[] {
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

/** `file → target` for every import from a file under one of `from` into a file under one of `to`. */
export function importsBetween(graph: ImportGraph, from: readonly string[], to: readonly string[]): string[] {
  const under = (file: string, prefixes: readonly string[]) =>
    prefixes.some((prefix) => file.startsWith(prefix));
  return [...graph]
    .filter(([file]) => under(file, from))
    .flatMap(([file, targets]) =>
      targets.filter((target) => under(target, to)).map((target) => `${file} → ${target}`),
    );
}
