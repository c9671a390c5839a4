/** One difference between consecutive versions of a schema, as a reader of the catalog wants to see it. */
export interface SchemaChange {
  kind: 'added' | 'removed' | 'changed';
  /** Dotted field path (`shippingAddress.city`), or the type's full name for symbol and member changes. */
  path: string;
  detail: string;
}

export type Schema = string | Schema[] | { type: Schema; [key: string]: unknown };
export interface Field {
  name: string;
  type: Schema;
  default?: unknown;
  doc?: string;
}

/** Field-level differences between two self-contained Avro schemas (referenced types already inlined). */
export function schemaChanges(previous: unknown, next: unknown): SchemaChange[] {
  const changes: SchemaChange[] = [];
  compare(previous as Schema, next as Schema, '', changes);
  return changes;
}

function compare(before: Schema, after: Schema, path: string, changes: SchemaChange[]): void {
  const [a, b] = [objectOf(before), objectOf(after)];
  if (Array.isArray(before) && Array.isArray(after)) compareUnion(before, after, path, changes);
  else if (a?.type === 'record' && b?.type === 'record' && a.name === b.name)
    compareFields(a.fields as Field[], b.fields as Field[], path, changes);
  else if (a?.type === 'enum' && b?.type === 'enum' && a.name === b.name)
    compareSymbols(a.symbols as string[], b.symbols as string[], fullName(b), changes);
  else if ((a?.type === 'array' || a?.type === 'map') && a.type === b?.type) {
    const key = a.type === 'array' ? 'items' : 'values';
    compare(a[key] as Schema, b[key] as Schema, path, changes);
  } else if (label(before) !== label(after))
    changes.push({ kind: 'changed', path: path || '(value)', detail: `${label(before)} → ${label(after)}` });
}

function compareFields(before: Field[], after: Field[], prefix: string, changes: SchemaChange[]): void {
  const old = new Map(before.map((field) => [field.name, field]));
  const kept = new Set(after.map((field) => field.name));
  for (const field of after) {
    const path = prefix ? `${prefix}.${field.name}` : field.name;
    const previous = old.get(field.name);
    if (previous === undefined) {
      const fallback = 'default' in field ? `, default ${JSON.stringify(field.default)}` : ', no default';
      changes.push({ kind: 'added', path, detail: `${label(field.type)}${fallback}` });
      continue;
    }
    compare(previous.type, field.type, path, changes);
    if (JSON.stringify(previous.default) !== JSON.stringify(field.default))
      changes.push({
        kind: 'changed',
        path,
        detail: `default ${show(previous.default)} → ${show(field.default)}`,
      });
  }
  for (const field of before)
    if (!kept.has(field.name))
      changes.push({
        kind: 'removed',
        path: prefix ? `${prefix}.${field.name}` : field.name,
        detail: label(field.type),
      });
}

function compareUnion(before: Schema[], after: Schema[], path: string, changes: SchemaChange[]): void {
  const previous = new Map(before.map((member) => [label(member), member]));
  const next = new Map(after.map((member) => [label(member), member]));
  for (const [name, member] of next) {
    const old = previous.get(name);
    if (old === undefined)
      changes.push({ kind: 'added', path: path || name, detail: `union member ${name}` });
    else compare(old, member, path, changes);
  }
  for (const name of previous.keys())
    if (!next.has(name))
      changes.push({ kind: 'removed', path: path || name, detail: `union member ${name}` });
}

function compareSymbols(before: string[], after: string[], type: string, changes: SchemaChange[]): void {
  for (const symbol of after)
    if (!before.includes(symbol)) changes.push({ kind: 'added', path: type, detail: `symbol ${symbol}` });
  for (const symbol of before)
    if (!after.includes(symbol)) changes.push({ kind: 'removed', path: type, detail: `symbol ${symbol}` });
}

/** A short type name a person reads: `string`, `timestamp-millis`, `array<shop.OrderLine>`, `null | string`. */
export function label(schema: Schema): string {
  if (typeof schema === 'string') return schema;
  if (Array.isArray(schema)) return schema.map(label).join(' | ');
  if (typeof schema.logicalType === 'string') return schema.logicalType;
  switch (schema.type) {
    case 'record':
    case 'enum':
    case 'fixed':
      return fullName(schema);
    case 'array':
      return `array<${label(schema.items as Schema)}>`;
    case 'map':
      return `map<${label(schema.values as Schema)}>`;
    default:
      return label(schema.type);
  }
}

function fullName(schema: { [key: string]: unknown }): string {
  const name = String(schema.name);
  return name.includes('.') || typeof schema.namespace !== 'string' ? name : `${schema.namespace}.${name}`;
}

const objectOf = (schema: Schema) =>
  typeof schema === 'object' && !Array.isArray(schema) ? schema : undefined;
const show = (value: unknown) => (value === undefined ? 'none' : JSON.stringify(value));
