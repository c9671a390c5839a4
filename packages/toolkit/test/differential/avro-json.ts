/** Small helpers over Avro schemas as JSON, for the mutation generator. */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export const PRIMITIVES = new Set(['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string']);
const NAMED = new Set(['record', 'error', 'enum', 'fixed']);

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isNamedDefinition(value: unknown): value is JsonObject & { name: string } {
  return isObject(value) && NAMED.has(value.type as string) && typeof value.name === 'string';
}

/** A name used as a type (`"shop.common.Money"`), as opposed to a primitive. */
export function isNameReference(value: unknown): value is string {
  return typeof value === 'string' && !PRIMITIVES.has(value);
}

export function fullNameOf(definition: JsonObject & { name: string }, namespace: string): string {
  if (definition.name.includes('.')) return definition.name;
  const own = typeof definition.namespace === 'string' ? definition.namespace : namespace;
  return own === '' ? definition.name : `${own}.${definition.name}`;
}

/** The namespace the children of a named definition resolve names in. */
export function namespaceOf(definition: JsonObject & { name: string }, enclosing: string): string {
  const full = fullNameOf(definition, enclosing);
  const dot = full.lastIndexOf('.');
  return dot === -1 ? '' : full.slice(0, dot);
}

export function resolveName(name: string, namespace: string): string {
  return name.includes('.') || namespace === '' ? name : `${namespace}.${name}`;
}

export type Path = (string | number)[];

export function getAt(root: Json, path: Path): Json {
  let node: Json = root;
  for (const key of path) node = (node as Record<string | number, Json>)[key] as Json;
  return node;
}

/** A copy of `root` with the value at `path` replaced by what `change` makes of it. */
export function updateAt(root: Json, path: Path, change: (node: Json) => Json): Json {
  const copy = structuredClone(root);
  if (path.length === 0) return change(copy);
  const parent = getAt(copy, path.slice(0, -1)) as Record<string | number, Json>;
  const key = path.at(-1) as string | number;
  parent[key] = change(parent[key] as Json);
  return copy;
}

/** Every named definition in a set of schemas, by full name. */
export function definitionsIn(schemas: readonly Json[]): Map<string, JsonObject & { name: string }> {
  const found = new Map<string, JsonObject & { name: string }>();
  const visit = (node: Json, namespace: string): void => {
    if (Array.isArray(node)) {
      for (const branch of node) visit(branch, namespace);
      return;
    }
    if (!isObject(node)) return;
    if (isNamedDefinition(node)) {
      found.set(fullNameOf(node, namespace), node);
      const inner = namespaceOf(node, namespace);
      if (Array.isArray(node.fields))
        for (const field of node.fields) visit((field as JsonObject).type ?? null, inner);
      return;
    }
    if (node.type === 'array') visit(node.items ?? null, namespace);
    if (node.type === 'map') visit(node.values ?? null, namespace);
  };
  for (const schema of schemas) visit(schema, '');
  return found;
}
