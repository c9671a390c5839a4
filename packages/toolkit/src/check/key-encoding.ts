import type { SchemaNode } from '../compatibility/schema-node.ts';
import type { KeyEncodingChange } from './check-report.ts';

/**
 * What decides the bytes of an encoded value: types, field order, enum symbol order, fixed sizes. Names, docs,
 * defaults and aliases do not.
 */
function encodingShape(node: SchemaNode, seen = new Set<SchemaNode>()): unknown {
  if (seen.has(node)) return 'recursive';
  switch (node.type) {
    case 'record': {
      seen.add(node);
      const shape = node.fields.map((field) => encodingShape(field.type, seen));
      seen.delete(node);
      return { record: shape };
    }
    case 'enum':
      return { enum: node.symbols };
    case 'fixed':
      return { fixed: node.size };
    case 'array':
      return { array: encodingShape(node.items, seen) };
    case 'map':
      return { map: encodingShape(node.values, seen) };
    case 'union':
      return { union: node.branches.map((branch) => encodingShape(branch, seen)) };
    default:
      return node.type;
  }
}

/**
 * Kafka partitions by the key's bytes: a key schema whose encoding differs from an earlier version's sends the
 * same logical key to another partition, so per-key order breaks whatever the compatibility level says.
 */
export function keyEncodingChanges(versions: readonly SchemaNode[]): KeyEncodingChange[] {
  const newest = versions.at(-1);
  if (!newest) return [];
  const shape = JSON.stringify(encodingShape(newest));
  return versions.slice(0, -1).flatMap((old, index) =>
    JSON.stringify(encodingShape(old)) === shape
      ? []
      : [
          {
            version: index + 1,
            message: `the key schema encodes differently from v${index + 1}: the same key gets other bytes, so another partition, and events of one key written before and after the change lose their order`,
            fix: 'keep the key schema byte-compatible (same fields, types and order); change keys only with a new topic and a migration',
          },
        ],
  );
}
