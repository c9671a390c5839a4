import type { JSONPath } from 'jsonc-parser';
import { isObject, walkSchema } from '../schema-walk.ts';

const SEGMENT = /\[\]|\{\}|[^.[\]{}]+/g;

/**
 * The JSON path, in the schema document, of a compatibility problem's path (`address.zip`, `items[].price`,
 * `tags{}`): follows fields through records, union branches, array items, map values and named types defined
 * earlier in the same document. Stops at the deepest part it can follow (a removed field points at its record;
 * a type defined in another file at the field referencing it).
 */
export function locateSchemaPath(schema: unknown, problemPath: string): JSONPath {
  const definitions = namedDefinitions(schema);
  let type = schema;
  let path: JSONPath = [];
  let found: JSONPath = [];
  for (const segment of pathSegments(problemPath)) {
    const step = follow(type, path, segment, definitions);
    if (!step) break;
    ({ type, path } = step);
    found = step.found;
  }
  return found;
}

/** `items[].price` → `items`, `[]`, `price`. */
export function pathSegments(problemPath: string): string[] {
  return problemPath.match(SEGMENT) ?? [];
}

interface Step {
  type: unknown;
  path: JSONPath;
  /** What to point at: the field for a field segment, the container for `[]` and `{}`. */
  found: JSONPath;
}

function follow(
  type: unknown,
  path: JSONPath,
  segment: string,
  definitions: ReadonlyMap<string, { type: unknown; path: JSONPath }>,
): Step | undefined {
  if (typeof type === 'string') {
    const definition = definitions.get(type);
    return definition ? follow(definition.type, definition.path, segment, definitions) : undefined;
  }
  if (Array.isArray(type)) {
    for (const [index, branch] of type.entries()) {
      const step = follow(branch, [...path, index], segment, definitions);
      if (step) return step;
    }
    return undefined;
  }
  if (!isObject(type)) return undefined;
  if (segment === '[]' && type.type === 'array')
    return { type: type.items, path: [...path, 'items'], found: path };
  if (segment === '{}' && type.type === 'map')
    return { type: type.values, path: [...path, 'values'], found: path };
  if (!Array.isArray(type.fields)) return undefined;
  const index = type.fields.findIndex((field) => isObject(field) && field.name === segment);
  if (index === -1) return undefined;
  const fieldPath = [...path, 'fields', index];
  return {
    type: (type.fields[index] as { type: unknown }).type,
    path: [...fieldPath, 'type'],
    found: fieldPath,
  };
}

/** Named types defined in the document, by full and by short name (a reference may use either). */
function namedDefinitions(schema: unknown): Map<string, { type: unknown; path: JSONPath }> {
  const definitions = new Map<string, { type: unknown; path: JSONPath }>();
  for (const visit of walkSchema(schema).types) {
    if (!visit.named) continue;
    definitions.set(visit.named.fullName, visit);
    if (!definitions.has(visit.named.name)) definitions.set(visit.named.name, visit);
  }
  return definitions;
}
