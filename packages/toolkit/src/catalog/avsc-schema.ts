import type { JSONPath } from 'jsonc-parser';
import { defaultFits } from '../compatibility/default-fits.ts';
import type { SchemaNode } from '../compatibility/schema-node.ts';
import { type FieldVisit, walkSchema } from '../governance/schema-walk.ts';

/**
 * The schema as avsc can compile it. Avro 1.12 (what the registry runs) takes a union default from any
 * branch; avsc, like the specification's text, only from the first, and throws otherwise. Such a default is
 * left out of what avsc compiles, so the version's Type lacks it; the `union-default-first-branch` lint rule
 * warns about it. `named` holds the schema's resolved types.
 */
export function schemaForAvsc(schema: unknown, named: ReadonlyMap<string, SchemaNode>): unknown {
  const refused = walkSchema(schema).fields.filter(
    (field) => 'default' in field.field && !fitsFirstBranch(field, named),
  );
  if (refused.length === 0) return schema;
  const copy = structuredClone(schema);
  for (const field of refused) delete (valueAt(copy, field.path) as Record<string, unknown>).default;
  return copy;
}

function fitsFirstBranch(field: FieldVisit, named: ReadonlyMap<string, SchemaNode>): boolean {
  const record = field.record.named ? named.get(field.record.named.fullName) : undefined;
  const type = record?.type === 'record' ? record.fields.find((f) => f.name === field.name)?.type : undefined;
  return type === undefined || defaultFits(type, field.field.default, 'first');
}

function valueAt(json: unknown, path: JSONPath): unknown {
  return path.reduce<unknown>((value, key) => (value as Record<string | number, unknown>)[key], json);
}
