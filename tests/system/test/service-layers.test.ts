import { join } from 'node:path';
import { importCycles, importGraph, importsBetween } from '@events/test-kit/import-graph';
import { describe, expect, it } from 'vitest';

const repoRoot = join(import.meta.dirname, '..', '..', '..');
const wiring = ['src/main.ts', 'src/start-service.ts', 'src/app.ts'];
const adapters = ['src/entry-points/', 'src/data-access/', 'src/messaging/'];

/**
 * Both services share one map (issue 24): the domain decides and owns the ports it needs, adapters talk to
 * HTTP, SQL and Kafka, the entry point wires them. Dependencies point inwards, so a rule or use case can be
 * read, and tested, without any adapter.
 */
describe.each(['user-service', 'profile-service'])("%s's import graph", (service) => {
  const graph = importGraph(join(repoRoot, service), ['src']);

  it('has the domain import no adapter and no wiring', () => {
    expect(importsBetween(graph, ['src/domain/'], [...adapters, ...wiring])).toEqual([]);
  });

  it('has adapters import no entry point and no wiring', () => {
    expect(
      importsBetween(graph, ['src/data-access/', 'src/messaging/'], ['src/entry-points/', ...wiring]),
    ).toEqual([]);
  });

  it('has no import cycle', () => {
    expect(importCycles(graph)).toEqual([]);
  });

  it('sees the imports TypeScript resolves', () => {
    expect(graph.get('src/start-service.ts')).toContain('src/app.ts');
  });
});
