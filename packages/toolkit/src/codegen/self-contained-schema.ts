import type { Catalog, SchemaVersion } from '../catalog/catalog.ts';
import { CodegenError } from './codegen-error.ts';

type JsonObject = Record<string, unknown>;

const PRIMITIVES = new Set(['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string']);
const NAMED = new Set(['record', 'error', 'enum', 'fixed']);

/** A named type as written, and the namespace its name was read in. */
interface Definition {
  schema: JsonObject;
  namespace: string;
}

export interface SchemaExpander {
  /**
   * `schema` (the version's own by default, or one branch of it) with each referenced type inlined where it is
   * first used: what a reader compiles. Built from the files as written, not from avsc's export, which drops
   * attributes schema resolution reads (an enum's `default`, logical types avsc does not convert). Every
   * attribute is kept; names are written as full names, so an inlined type keeps its namespace.
   */
  expand(version: SchemaVersion, schema?: unknown): unknown;
  /** A named type as written in the newest version defining it (codegen reads its fields' defaults and logical types). */
  definitionOf(fullName: string): JsonObject;
}

export function createSchemaExpander(catalog: Catalog): SchemaExpander {
  const versions = new Map(
    catalog.subjects.flatMap((entry) => entry.versions.map((v) => [`${entry.subject}@${v.version}`, v])),
  );
  const definitions = new WeakMap<SchemaVersion, ReadonlyMap<string, Definition>>();

  /** Referenced subjects' types (depth first, in reference order) then the version's own; first one wins. */
  function definitionsOf(version: SchemaVersion): ReadonlyMap<string, Definition> {
    const known = definitions.get(version);
    if (known) return known;
    const found = new Map<string, Definition>();
    for (const ref of version.references) {
      const target = versions.get(`${ref.subject}@${ref.version}`);
      if (!target) throw new CodegenError(ref.subject, `v${ref.version} is not in the catalog`);
      for (const [name, definition] of definitionsOf(target))
        if (!found.has(name)) found.set(name, definition);
    }
    collectDefinitions(version.schema, '', found);
    definitions.set(version, found);
    return found;
  }

  let newest: Map<string, Definition> | undefined;
  return {
    expand(version, schema = version.schema) {
      return new Expansion(definitionsOf(version)).expand(schema, '', '');
    },
    definitionOf(fullName) {
      newest ??= new Map(
        catalog.subjects.flatMap((entry) => [...definitionsOf(entry.versions.at(-1) as SchemaVersion)]),
      );
      const definition = newest.get(fullName);
      if (!definition) throw new CodegenError(fullName, 'no newest schema version defines it');
      return definition.schema;
    },
  };
}

/** One self-contained schema: remembers which names it already defined, so later uses stay references. */
class Expansion {
  readonly #definitions: ReadonlyMap<string, Definition>;
  readonly #defined = new Set<string>();

  constructor(definitions: ReadonlyMap<string, Definition>) {
    this.#definitions = definitions;
  }

  /** `namespace` resolves names as written; `outNamespace` is the one the output is read in. */
  expand(schema: unknown, namespace: string, outNamespace: string): unknown {
    if (typeof schema === 'string') {
      if (PRIMITIVES.has(schema)) return schema;
      const fullName = qualify(schema, namespace);
      if (this.#defined.has(fullName)) return reference(fullName, outNamespace);
      const definition = this.#definitions.get(fullName);
      if (!definition) throw new CodegenError(fullName, 'is used but neither defined nor referenced');
      return this.#define(definition.schema, definition.namespace, outNamespace);
    }
    if (Array.isArray(schema)) return schema.map((branch) => this.expand(branch, namespace, outNamespace));
    if (typeof schema !== 'object' || schema === null) return schema;
    const object = schema as JsonObject;
    if (typeof object.type === 'string' && NAMED.has(object.type))
      return this.#define(object, namespace, outNamespace);
    if (object.type === 'array')
      return { ...object, items: this.expand(object.items, namespace, outNamespace) };
    if (object.type === 'map')
      return { ...object, values: this.expand(object.values, namespace, outNamespace) };
    return { ...object, type: this.expand(object.type, namespace, outNamespace) };
  }

  #define(schema: JsonObject, namespace: string, outNamespace: string): JsonObject {
    const fullName = fullNameOf(schema, namespace);
    this.#defined.add(fullName);
    const own = namespaceOf(fullName);
    const out: JsonObject = {};
    for (const [key, value] of Object.entries(schema)) {
      if (key === 'namespace') continue;
      if (key === 'name') Object.assign(out, nameAttributes(fullName, outNamespace));
      else if (key === 'aliases') out.aliases = (value as string[]).map((alias) => qualify(alias, own));
      else if (key === 'fields')
        out.fields = (value as JsonObject[]).map((field) => ({
          ...field,
          type: this.expand(field.type, own, own),
        }));
      else out[key] = value;
    }
    return out;
  }
}

/** Every named type defined inline in `schema`, by full name, with the namespace its name is read in. */
function collectDefinitions(schema: unknown, namespace: string, into: Map<string, Definition>): void {
  if (Array.isArray(schema)) {
    for (const branch of schema) collectDefinitions(branch, namespace, into);
    return;
  }
  if (typeof schema !== 'object' || schema === null) return;
  const object = schema as JsonObject;
  if (typeof object.type === 'string' && NAMED.has(object.type)) {
    const fullName = fullNameOf(object, namespace);
    if (!into.has(fullName)) into.set(fullName, { schema: object, namespace });
    for (const field of (object.fields as JsonObject[] | undefined) ?? [])
      collectDefinitions(field.type, namespaceOf(fullName), into);
  } else if (object.type === 'array') collectDefinitions(object.items, namespace, into);
  else if (object.type === 'map') collectDefinitions(object.values, namespace, into);
  else collectDefinitions(object.type, namespace, into);
}

function fullNameOf(schema: JsonObject, namespace: string): string {
  const name = String(schema.name);
  if (name.includes('.')) return name.replace(/^\./, '');
  const space = typeof schema.namespace === 'string' ? schema.namespace : namespace;
  return space ? `${space}.${name}` : name;
}

/** A name as written, read in `namespace` (a dotted name is already full; a leading dot means no namespace). */
function qualify(name: string, namespace: string): string {
  if (name.includes('.')) return name.replace(/^\./, '');
  return namespace ? `${namespace}.${name}` : name;
}

function namespaceOf(fullName: string): string {
  const dot = fullName.lastIndexOf('.');
  return dot === -1 ? '' : fullName.slice(0, dot);
}

/** A type without a namespace, inlined inside a namespaced one, must say so or it would take that namespace. */
function nameAttributes(fullName: string, outNamespace: string): JsonObject {
  return fullName.includes('.') || outNamespace === ''
    ? { name: fullName }
    : { name: fullName, namespace: '' };
}

function reference(fullName: string, outNamespace: string): string {
  return fullName.includes('.') || outNamespace === '' ? fullName : `.${fullName}`;
}
