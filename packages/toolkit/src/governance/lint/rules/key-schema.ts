import { isObject } from '../../schema-walk.ts';
import type { LintRule } from '../rule.ts';

const KEY_PRIMITIVES = new Set(['boolean', 'int', 'long', 'float', 'double', 'bytes', 'string']);

const isPrimitive = (type: unknown) =>
  (typeof type === 'string' && KEY_PRIMITIVES.has(type)) ||
  (isObject(type) && KEY_PRIMITIVES.has(type.type as string));

export const keySchemaPrimitive: LintRule = {
  id: 'key-schema-primitive',
  rationale:
    'Kafka partitions by the key bytes: unions, maps, arrays and nested types let one logical key take several encodings, which breaks per-key ordering',
  fix: 'make the key a primitive (string, long, uuid, ...) or a record whose fields are primitives',
  check({ schema, walk, role }) {
    if (role !== 'key' || isPrimitive(schema)) return [];
    if (!isObject(schema) || schema.type !== 'record')
      return [{ path: [], message: 'the key schema is neither a primitive nor a record' }];
    return walk.fields
      .filter((field) => field.record.path.length === 0 && !isPrimitive(field.field.type))
      .map((field) => ({
        path: [...field.path, 'type'],
        message: `key field \`${field.name}\` is not a primitive`,
      }));
  },
};
