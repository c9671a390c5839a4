import { isNameReference, isObject, type Json, type JsonObject } from './avro-json.ts';

/** Named definitions by full name, to give and check defaults of fields typed by name. */
export type Definitions = ReadonlyMap<string, JsonObject & { name: string }>;

/** A valid default for a field of `type`, or undefined when none is simple to give (a record by name). */
export function defaultFor(type: Json, definitions: Definitions, depth = 0): Json | undefined {
  if (depth > 5) return undefined;
  if (Array.isArray(type))
    return type.length === 0 ? undefined : defaultFor(type[0] as Json, definitions, depth + 1);
  if (isNameReference(type)) {
    const definition = definitions.get(type);
    return definition ? defaultFor(definition, definitions, depth + 1) : undefined;
  }
  const name = isObject(type) ? (type.type as Json) : type;
  if (isObject(type) && type.logicalType === 'uuid') return '00000000-0000-0000-0000-000000000000';
  switch (name) {
    case 'null':
      return null;
    case 'boolean':
      return false;
    case 'int':
    case 'long':
    case 'float':
    case 'double':
      return 0;
    case 'string':
    case 'bytes':
      return '';
    case 'array':
      return [];
    case 'map':
      return {};
    case 'enum':
      return isObject(type) && Array.isArray(type.symbols) ? (type.symbols[0] as Json) : undefined;
    case 'fixed':
      return isObject(type) ? '\u0000'.repeat(Number(type.size)) : undefined;
    case 'record': {
      if (!isObject(type) || !Array.isArray(type.fields)) return undefined;
      const record: JsonObject = {};
      for (const field of type.fields as JsonObject[]) {
        const value =
          field.default !== undefined
            ? field.default
            : defaultFor(field.type ?? null, definitions, depth + 1);
        if (value === undefined) return undefined;
        record[field.name as string] = value;
      }
      return record;
    }
    default:
      return undefined;
  }
}

/** Whether `value` is a valid default for `type` (the spec's rule: a union's default fits its first branch). */
export function defaultFits(type: Json, value: Json, definitions: Definitions): boolean {
  if (Array.isArray(type)) return type.length > 0 && defaultFits(type[0] as Json, value, definitions);
  if (isNameReference(type)) {
    const definition = definitions.get(type);
    return definition ? defaultFits(definition, value, definitions) : false;
  }
  const name = isObject(type) ? type.type : type;
  switch (name) {
    case 'null':
      return value === null;
    case 'boolean':
      return typeof value === 'boolean';
    case 'int':
    case 'long':
      return Number.isInteger(value);
    case 'float':
    case 'double':
      return typeof value === 'number';
    case 'string':
      return (
        typeof value === 'string' && !(isObject(type) && type.logicalType === 'uuid' && value.length !== 36)
      );
    case 'bytes':
      return typeof value === 'string';
    case 'enum':
      return isObject(type) && Array.isArray(type.symbols) && type.symbols.includes(value);
    case 'fixed':
      return isObject(type) && typeof value === 'string' && value.length === Number(type.size);
    case 'array':
      return Array.isArray(value);
    case 'map':
    case 'record':
      return isObject(value);
    default:
      return false;
  }
}
