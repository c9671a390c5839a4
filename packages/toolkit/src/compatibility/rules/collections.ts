import type { Finding, Resolve } from '../finding.ts';
import type { ArrayNode, MapNode } from '../schema-node.ts';

export function checkArray(
  reader: ArrayNode,
  writer: ArrayNode,
  path: readonly string[],
  resolve: Resolve,
): Finding[] {
  return resolve(reader.items, writer.items, [...path, '[]']);
}

export function checkMap(
  reader: MapNode,
  writer: MapNode,
  path: readonly string[],
  resolve: Resolve,
): Finding[] {
  return resolve(reader.values, writer.values, [...path, '{}']);
}
