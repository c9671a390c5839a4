import { join } from 'node:path';
import { importCycles, importGraph } from '@events/test-kit/import-graph';
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

describe("the toolkit's import graph", () => {
  const graph = importGraph(packageDir, ['src', 'cli']);

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
    expect(importCycles(graph)).toEqual([]);
  });

  it('sees imports the way TypeScript resolves them', () => {
    expect(graph.get('src/check/run-schemas-check.ts')).toContain('src/catalog/load-catalog.ts');
    expect(graph.get('cli/schemas-check.ts')).toContain('src/check/run-schemas-check.ts');
  });
});
