import { isNameReference, isObject, type Json, type JsonObject, type Path, updateAt } from './avro-json.ts';
import { type Context, type Edit, shortName } from './edit.ts';
import { defaultFits, defaultFor } from './schema-defaults.ts';
import { typeChanges } from './type-changes.ts';

export function* fieldEdits(
  context: Context,
  recordPath: Path,
  index: number,
  recordName: string,
): Generator<Edit> {
  const fieldsPath = [...recordPath, 'fields'];
  const fields = fieldsAt(context.schema, fieldsPath);
  const field = fields[index] as JsonObject;
  const name = field.name as string;
  const type = field.type ?? null;
  const hasDefault = field.default !== undefined;
  const where = `${shortName(recordName)}.${name}`;
  const change = (kind: string, apply: (node: JsonObject) => void): Edit => ({
    kind,
    where,
    schema: updateAt(context.schema, [...fieldsPath, index], (node) => {
      apply(node as JsonObject);
      return node;
    }),
  });
  const retype = (kind: string, next: Json): Edit =>
    change(kind, (node) => {
      node.type = next;
      if (node.default !== undefined && !defaultFits(next, node.default, context.definitions)) {
        const value = defaultFor(next, context.definitions);
        if (value === undefined) delete node.default;
        else node.default = value;
      }
    });

  if (fields.length > 1)
    yield {
      kind: hasDefault ? 'field removed (had a default)' : 'field removed (no default)',
      where,
      schema: updateAt(context.schema, fieldsPath, (list) => (list as Json[]).filter((_, i) => i !== index)),
    };
  if (hasDefault) {
    yield change('field default removed', (node) => {
      delete node.default;
    });
  } else {
    const value = defaultFor(type, context.definitions);
    if (value !== undefined)
      yield change('field default added', (node) => {
        node.default = value;
      });
  }
  yield change(hasDefault ? 'field renamed (had a default)' : 'field renamed (no default)', (node) => {
    node.name = `${name}Renamed`;
  });
  yield change('field renamed with an alias', (node) => {
    node.name = `${name}Renamed`;
    node.aliases = [name];
  });
  for (const [label, next] of typeChanges(type)) yield retype(`type ${label}`, next);

  if (Array.isArray(type)) {
    yield* unionFieldEdits(type, change, retype);
    return;
  }
  if (isNameReference(type)) yield retype('named type → string', 'string');
  if (isObject(type) && type.type === 'array')
    for (const [label, next] of typeChanges(type.items ?? null).slice(0, 2))
      yield retype(`array items ${label}`, { ...type, items: next });
  if (isObject(type) && type.type === 'map')
    for (const [label, next] of typeChanges(type.values ?? null).slice(0, 2))
      yield retype(`map values ${label}`, { ...type, values: next });
  yield change('made nullable (default null)', (node) => {
    node.type = ['null', type];
    node.default = null;
  });
}

function fieldsAt(schema: Json, path: Path): Json[] {
  let node: Json = schema;
  for (const key of path) node = (node as Record<string | number, Json>)[key] as Json;
  return node as Json[];
}

function* unionFieldEdits(
  union: Json[],
  change: (kind: string, apply: (node: JsonObject) => void) => Edit,
  retype: (kind: string, next: Json) => Edit,
): Generator<Edit> {
  const present = new Set(union.map((branch) => (isObject(branch) ? branch.type : branch)));
  const absent = ['int', 'string', 'long', 'double', 'boolean'].find((t) => !present.has(t));
  if (absent) yield retype('union branch added', [...union, absent]);
  for (let i = 0; i < union.length && union.length >= 2; i += 1)
    yield retype(
      i === 0 ? 'union branch removed (first)' : 'union branch removed',
      union.filter((_, j) => j !== i),
    );
  if (union.length === 2 && union.includes('null')) {
    const other = union.find((branch) => branch !== 'null') as Json;
    yield change('nullable made required', (node) => {
      node.type = other;
      if (node.default === null) delete node.default;
    });
  }
  if (union.length >= 2) {
    const swapped = [union[1], union[0], ...union.slice(2)] as Json[];
    yield change('union branches reordered', (node) => {
      node.type = swapped;
      // A union's default is of its first branch; a default that no longer fits goes.
      if (node.default !== undefined) delete node.default;
    });
  }
  for (let i = 0; i < union.length; i += 1) {
    const [first] = typeChanges(union[i] as Json).filter(
      ([, next]) => !union.some((b) => JSON.stringify(b) === JSON.stringify(next)),
    );
    if (!first) continue;
    const [label, next] = first;
    yield retype(
      `union branch ${label}`,
      union.map((branch, j) => (j === i ? next : branch)),
    );
  }
}
