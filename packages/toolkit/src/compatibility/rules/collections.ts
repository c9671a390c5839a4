import type { Incompatibility, Resolve } from '../incompatibility.ts';
import type { ArrayNode, MapNode } from '../schema-node.ts';

export function checkArray(
  reader: ArrayNode,
  writer: ArrayNode,
  path: readonly string[],
  resolve: Resolve,
): Incompatibility[] {
  return resolve(reader.items, writer.items, [...path, '[]']);
}

export function checkMap(
  reader: MapNode,
  writer: MapNode,
  path: readonly string[],
  resolve: Resolve,
): Incompatibility[] {
  return resolve(reader.values, writer.values, [...path, '{}']);
}
