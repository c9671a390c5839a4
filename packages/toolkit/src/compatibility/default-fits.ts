import type { SchemaNode } from './schema-node.ts';

const INT_MIN = -(2 ** 31);
const INT_MAX = 2 ** 31 - 1;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Whether a field default is a valid JSON encoding of `type`, per the Avro specification: a union's default
 * belongs to its first branch; a record default needs every field without a default of its own.
 */
export function defaultFits(type: SchemaNode, value: unknown): boolean {
  switch (type.type) {
    case 'null':
      return value === null;
    case 'boolean':
      return typeof value === 'boolean';
    case 'int':
      return Number.isInteger(value) && (value as number) >= INT_MIN && (value as number) <= INT_MAX;
    case 'long':
      return Number.isSafeInteger(value);
    case 'float':
    case 'double':
      return typeof value === 'number';
    case 'bytes':
    case 'string':
      return typeof value === 'string';
    case 'enum':
      return typeof value === 'string' && type.symbols.includes(value);
    case 'fixed':
      return typeof value === 'string' && value.length === type.size;
    case 'array':
      return Array.isArray(value) && value.every((item) => defaultFits(type.items, item));
    case 'map':
      return isPlainObject(value) && Object.values(value).every((item) => defaultFits(type.values, item));
    case 'union':
      return type.branches[0] !== undefined && defaultFits(type.branches[0], value);
    case 'record':
      return (
        isPlainObject(value) &&
        type.fields.every((field) =>
          field.name in value ? defaultFits(field.type, value[field.name]) : field.hasDefault,
        )
      );
  }
}
