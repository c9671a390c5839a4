import type { SchemaNode } from './schema-node.ts';

const INT_MIN = -(2 ** 31);
const INT_MAX = 2 ** 31 - 1;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Which union branches a default may belong to: `any` is Avro 1.12's Java parser (what the registry runs),
 * `first` the Avro specification's text, which avsc and older readers enforce.
 */
export type UnionDefaultRule = 'any' | 'first';

/**
 * Whether a field default is a valid JSON encoding of `type`: a union's default belongs to a branch `unions`
 * allows; a record default needs every field without a default of its own.
 */
export function defaultFits(type: SchemaNode, value: unknown, unions: UnionDefaultRule = 'any'): boolean {
  const fits = (inner: SchemaNode, item: unknown) => defaultFits(inner, item, unions);
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
      return Array.isArray(value) && value.every((item) => fits(type.items, item));
    case 'map':
      return isPlainObject(value) && Object.values(value).every((item) => fits(type.values, item));
    case 'union':
      return (unions === 'first' ? type.branches.slice(0, 1) : type.branches).some((branch) =>
        fits(branch, value),
      );
    case 'record':
      return (
        isPlainObject(value) &&
        type.fields.every((field) =>
          field.name in value ? fits(field.type, value[field.name]) : field.hasDefault,
        )
      );
  }
}
