import type { JSONPath } from 'jsonc-parser';

export type JsonObject = Record<string, unknown>;

export interface NamedType {
  name: string;
  /** Explicit, taken from a dotted name, or inherited from the enclosing named type; '' for none. */
  namespace: string;
  fullName: string;
}

/** One type as written in the schema: a name string, a union array or a type object. */
export interface TypeVisit {
  type: unknown;
  path: JSONPath;
  /** Set for record, enum and fixed definitions. */
  named?: NamedType;
  /** The field this type belongs to, directly or through a union, array or map. */
  field?: FieldVisit;
}

export interface FieldVisit {
  field: JsonObject;
  name: string;
  path: JSONPath;
  /** The record declaring the field. */
  record: TypeVisit;
}

export interface SchemaWalk {
  types: TypeVisit[];
  fields: FieldVisit[];
}

export const NAMED_KINDS = new Set(['record', 'error', 'enum', 'fixed']);

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Every type and field of a schema JSON with its JSON path, in document order. The walk follows what is
 * written (a reference to a named type defined elsewhere is a string, not followed), so it works the same on
 * a value, a key, a shared type or a union of referenced event types. Tolerates malformed parts.
 */
export function walkSchema(schema: unknown): SchemaWalk {
  const walk: SchemaWalk = { types: [], fields: [] };
  visitType(schema, [], '', undefined, walk);
  return walk;
}

function visitType(
  type: unknown,
  path: JSONPath,
  namespace: string,
  field: FieldVisit | undefined,
  walk: SchemaWalk,
): void {
  const visit: TypeVisit = { type, path, ...(field ? { field } : {}) };
  walk.types.push(visit);
  if (Array.isArray(type)) {
    type.forEach((branch, index) => {
      visitType(branch, [...path, index], namespace, field, walk);
    });
    return;
  }
  if (!isObject(type)) return;
  const kind = type.type;
  if (typeof kind === 'string' && NAMED_KINDS.has(kind) && typeof type.name === 'string') {
    visit.named = namedType(type.name, type.namespace, namespace);
  }
  const inner = visit.named?.namespace ?? namespace;
  if ((kind === 'record' || kind === 'error') && Array.isArray(type.fields)) {
    type.fields.forEach((entry, index) => {
      if (!isObject(entry)) return;
      const fieldPath = [...path, 'fields', index];
      const fieldVisit: FieldVisit = {
        field: entry,
        name: typeof entry.name === 'string' ? entry.name : '',
        path: fieldPath,
        record: visit,
      };
      walk.fields.push(fieldVisit);
      visitType(entry.type, [...fieldPath, 'type'], inner, fieldVisit, walk);
    });
  } else if (kind === 'array') visitType(type.items, [...path, 'items'], inner, field, walk);
  else if (kind === 'map') visitType(type.values, [...path, 'values'], inner, field, walk);
  else if (isObject(kind) || Array.isArray(kind)) visitType(kind, [...path, 'type'], inner, field, walk);
}

function namedType(name: string, explicit: unknown, enclosing: string): NamedType {
  const dot = name.lastIndexOf('.');
  if (dot !== -1) return { name: name.slice(dot + 1), namespace: name.slice(0, dot), fullName: name };
  const namespace = typeof explicit === 'string' ? explicit : enclosing;
  return { name, namespace, fullName: namespace ? `${namespace}.${name}` : name };
}

/** The type without its `null` branch when it is a union holding `null` and one other type. */
export function nonNullBranch(type: unknown): unknown {
  if (!Array.isArray(type)) return type;
  const others = type.filter((branch) => branch !== 'null');
  return others.length === 1 && others.length < type.length ? others[0] : type;
}
