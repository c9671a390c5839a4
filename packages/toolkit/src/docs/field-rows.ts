import { type Field, label, type Schema } from './schema-changes.ts';

export interface FieldRow {
  /** Dotted path from the event's top level: nested records are listed under their field. */
  path: string;
  type: string;
  doc: string;
  /** JSON of the default, or undefined when the field has none (a writer must always set it). */
  default: string | undefined;
}

/** Every field of a record schema, nested records flattened under their field's path, in schema order. */
export function fieldRows(schema: unknown): FieldRow[] {
  const rows: FieldRow[] = [];
  const record = recordOf(schema as Schema);
  if (record !== undefined) collect(record.fields, '', rows);
  return rows;
}

function collect(fields: Field[], prefix: string, rows: FieldRow[]): void {
  for (const field of fields) {
    const path = prefix + field.name;
    rows.push({
      path,
      type: label(field.type),
      doc: field.doc ?? '',
      default: 'default' in field ? JSON.stringify(field.default) : undefined,
    });
    const nested = recordOf(field.type);
    if (nested !== undefined) collect(nested.fields, `${path}.`, rows);
  }
}

/** The record a field holds directly, through `null |`, or as array items or map values. */
function recordOf(schema: Schema): { fields: Field[] } | undefined {
  if (Array.isArray(schema)) {
    const members = schema.filter((member) => member !== 'null');
    return members.length === 1 ? recordOf(members[0]!) : undefined;
  }
  if (typeof schema !== 'object') return undefined;
  if (schema.type === 'record') return schema as unknown as { fields: Field[] };
  if (schema.type === 'array') return recordOf(schema.items as Schema);
  if (schema.type === 'map') return recordOf(schema.values as Schema);
  return undefined;
}
