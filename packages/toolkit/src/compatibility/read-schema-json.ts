import { ContractError } from '../errors.ts';
import { defaultFits } from './default-fits.ts';
import {
  describeType,
  type FieldNode,
  type LogicalTypeNode,
  type PrimitiveType,
  type SchemaNode,
} from './schema-node.ts';

const PRIMITIVES = new Set<string>(['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string']);
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const FULL_NAME = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

type Json = Record<string, unknown>;

/** A schema read by readSchemaJson, with the named types it can reach. */
export interface ReadSchema {
  node: SchemaNode;
  /** Every named type by full name: those it defines and those `referenced` gave it. */
  named: ReadonlyMap<string, SchemaNode>;
}

/**
 * Reads and validates a schema JSON into its SchemaNode without building avsc's codecs, which dominated
 * schemas:check on a large catalog: names, references, duplicate names, fields and symbols, union branches, and
 * field defaults against their types (a union default in any branch, as Avro 1.12's Java parser allows).
 * `referenced` holds the named types its schema references define (Confluent references), as the registry's
 * parser holds them. Throws ContractError('INVALID_SCHEMA') naming `label`.
 */
export function readSchemaJson(
  json: unknown,
  label: string,
  referenced: ReadonlyMap<string, SchemaNode> = new Map(),
): ReadSchema {
  const named = new Map<string, SchemaNode>(referenced);
  // Checked once every type is known: a default may hold a record that refers to itself.
  const defaults: Array<{ where: string; field: FieldNode; value: unknown }> = [];
  const fail = (message: string): never => {
    throw new ContractError('INVALID_SCHEMA', `${label} is not a valid Avro schema: ${message}`);
  };
  /** A full name is dotted simple names; fields and enum symbols are simple names. */
  const checkName = (name: string, what: string) => {
    const pattern = what === 'field' || what === 'enum symbol' ? NAME : FULL_NAME;
    if (!pattern.test(name)) fail(`invalid ${what} name: ${JSON.stringify(name)}`);
  };

  const read = (schema: unknown, namespace: string): SchemaNode => {
    if (typeof schema === 'string') {
      if (PRIMITIVES.has(schema)) return { type: schema as PrimitiveType };
      const found = named.get(qualify(schema, namespace)) ?? named.get(schema);
      return found ?? fail(`undefined type name: ${schema}`);
    }
    if (Array.isArray(schema)) return readUnion(schema, namespace);
    if (typeof schema !== 'object' || schema === null) return fail(`invalid type: ${JSON.stringify(schema)}`);
    const type = (schema as Json).type;
    if (typeof type === 'string' && PRIMITIVES.has(type)) {
      const logical = logicalTypeOf(schema as Json);
      return logical ? { type: type as PrimitiveType, logical } : { type: type as PrimitiveType };
    }
    if (typeof type !== 'string' || (type !== 'array' && type !== 'map' && !isNamedKind(type)))
      // `{"type": {...}}` and `{"type": "ns.Ref"}` read as their type.
      return read(type, namespace);
    if (type === 'array') return { type: 'array', items: read((schema as Json).items, namespace) };
    if (type === 'map') return { type: 'map', values: read((schema as Json).values, namespace) };
    return readNamed(schema as Json, type, namespace);
  };

  const readUnion = (schema: unknown[], namespace: string): SchemaNode => {
    const branches = schema.map((branch) => read(branch, namespace));
    const seen = new Set<string>();
    for (const branch of branches) {
      if (branch.type === 'union') fail('a union cannot directly contain a union');
      const key = 'fullName' in branch ? branch.fullName : branch.type;
      if (seen.has(key)) fail(`duplicate union branch: ${describeType(branch)}`);
      seen.add(key);
    }
    return { type: 'union', branches };
  };

  const readNamed = (schema: Json, kind: string, enclosing: string): SchemaNode => {
    if (typeof schema.name !== 'string') return fail(`missing name in ${kind}`);
    const ownNamespace = typeof schema.namespace === 'string' ? schema.namespace : enclosing;
    const fullName = qualify(schema.name, ownNamespace);
    checkName(fullName, kind);
    if (PRIMITIVES.has(fullName.slice(fullName.lastIndexOf('.') + 1)) && !fullName.includes('.'))
      fail(`${kind} cannot be named after a primitive: ${fullName}`);
    if (named.has(fullName)) return fail(`duplicate type name: ${fullName}`);
    const namespace = fullName.includes('.') ? fullName.slice(0, fullName.lastIndexOf('.')) : '';
    const base = {
      fullName,
      name: fullName.slice(fullName.lastIndexOf('.') + 1),
      aliases: stringsOf(schema.aliases).map((alias) => qualify(alias, namespace)),
    };
    if (kind === 'enum') {
      const symbols = stringsOf(schema.symbols);
      if (!Array.isArray(schema.symbols) || symbols.length !== schema.symbols.length)
        fail(`${fullName} symbols must be an array of strings`);
      for (const symbol of symbols) checkName(symbol, 'enum symbol');
      if (new Set(symbols).size !== symbols.length) fail(`duplicate symbol in ${fullName}`);
      if (schema.default !== undefined && !symbols.includes(schema.default as string))
        fail(`${fullName} default ${JSON.stringify(schema.default)} is not one of its symbols`);
      const node: SchemaNode = {
        type: 'enum',
        ...base,
        symbols,
        default: typeof schema.default === 'string' ? schema.default : undefined,
      };
      named.set(fullName, node);
      return node;
    }
    if (kind === 'fixed') {
      if (!Number.isInteger(schema.size)) return fail(`invalid fixed size in ${fullName}`);
      const logical = logicalTypeOf(schema);
      const node: SchemaNode = {
        type: 'fixed',
        ...base,
        size: schema.size as number,
        ...(logical && { logical }),
      };
      named.set(fullName, node);
      return node;
    }
    if (!Array.isArray(schema.fields)) return fail(`non-array fields in ${fullName}`);
    const node = { type: 'record' as const, ...base, fields: [] as FieldNode[] };
    // Registered before the fields so recursive references resolve to this same object.
    named.set(fullName, node);
    for (const field of schema.fields as unknown[]) {
      if (typeof field !== 'object' || field === null || typeof (field as Json).name !== 'string')
        return fail(`invalid field in ${fullName}`);
      const { name, aliases, type } = field as Json;
      checkName(name as string, 'field');
      if (node.fields.some((known) => known.name === name))
        fail(`duplicate field ${String(name)} in ${fullName}`);
      const fieldNode: FieldNode = {
        name: name as string,
        aliases: stringsOf(aliases),
        type: read(type, namespace),
        hasDefault: 'default' in (field as Json),
      };
      node.fields.push(fieldNode);
      if (fieldNode.hasDefault)
        defaults.push({ where: fullName, field: fieldNode, value: (field as Json).default });
    }
    return node;
  };

  const node = read(json, '');
  for (const { where, field, value } of defaults) {
    if (!defaultFits(field.type, value))
      fail(
        `invalid default for field ${field.name} of ${where}: ${JSON.stringify(value)} does not fit \`${describeType(field.type)}\``,
      );
  }
  return { node, named };
}

/** The `logicalType` as written (resolution ignores it, as Java's SchemaCompatibility does). */
function logicalTypeOf(schema: Json): LogicalTypeNode | undefined {
  if (typeof schema.logicalType !== 'string') return undefined;
  if (schema.logicalType !== 'decimal') return { name: schema.logicalType };
  return { name: 'decimal', scale: Number.isInteger(schema.scale) ? (schema.scale as number) : 0 };
}

function isNamedKind(type: string): boolean {
  return type === 'record' || type === 'error' || type === 'enum' || type === 'fixed';
}

function qualify(name: string, namespace: string): string {
  return name.includes('.') || namespace === '' ? name : `${namespace}.${name}`;
}

function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
