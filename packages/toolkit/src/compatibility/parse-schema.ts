import avro from 'avsc';
import { ContractError } from '../errors.ts';
import type { FieldNode, PrimitiveType, SchemaNode } from './schema-node.ts';

type AvscType = avro.Type & Record<string, unknown>;

const BARE_NAME = /^[A-Za-z_][A-Za-z0-9_.]*$/;
const PRIMITIVES = new Set<string>(['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string']);

/**
 * Parses and validates one Avro schema (JSON text or object): names, references and field defaults are checked
 * by avsc; logical types are read as their underlying types, as schema resolution does.
 */
export function parseSchema(input: unknown, label: string): SchemaNode {
  let json = input;
  // A bare type name (`long`) is a schema too; any other string must be JSON text.
  if (typeof input === 'string' && !BARE_NAME.test(input)) {
    try {
      json = JSON.parse(input);
    } catch (error) {
      throw new ContractError('INVALID_SCHEMA', `${label} is not valid JSON: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }
  let type: avro.Type;
  try {
    type = avro.Type.forSchema(json as avro.Schema);
  } catch (error) {
    throw new ContractError(
      'INVALID_SCHEMA',
      `${label} is not a valid Avro schema: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  return toNode(type as AvscType, new Map());
}

/** The node of a Type already built (e.g. with logical types, by the catalog loader): no second parse. */
export function nodeOfType(type: avro.Type): SchemaNode {
  return toNode(type as AvscType, new Map());
}

function toNode(type: AvscType, seen: Map<avro.Type, SchemaNode>): SchemaNode {
  const known = seen.get(type);
  if (known) return known;
  // Schema resolution looks through logical types at the types underneath.
  if (type instanceof avro.types.LogicalType) return toNode(type.underlyingType as AvscType, seen);
  const typeName = type.typeName;
  if (PRIMITIVES.has(typeName)) return { type: typeName as PrimitiveType };
  const fullName = type.name ?? '';
  const named = {
    fullName,
    name: fullName.slice(fullName.lastIndexOf('.') + 1),
    aliases: type.aliases ?? [],
  };
  switch (typeName) {
    case 'record':
    case 'error': {
      const node = { type: 'record' as const, ...named, fields: [] as FieldNode[] };
      // Registered before the fields so recursive references resolve to this same object.
      seen.set(type, node);
      for (const field of type.fields as avro.types.Field[]) {
        node.fields.push({
          name: field.name,
          aliases: field.aliases ?? [],
          type: toNode(field.type as AvscType, seen),
          hasDefault: field.defaultValue() !== undefined,
        });
      }
      return node;
    }
    case 'enum':
      return remember(seen, type, {
        type: 'enum',
        ...named,
        symbols: type.symbols as string[],
        default: type.default as string | undefined,
      });
    case 'fixed':
      return remember(seen, type, { type: 'fixed', ...named, size: type.size as number });
    case 'array':
      return { type: 'array', items: toNode(type.itemsType as AvscType, seen) };
    case 'map':
      return { type: 'map', values: toNode(type.valuesType as AvscType, seen) };
    case 'union:unwrapped':
    case 'union:wrapped':
      return { type: 'union', branches: (type.types as AvscType[]).map((branch) => toNode(branch, seen)) };
    default:
      throw new ContractError('INVALID_SCHEMA', `unsupported Avro type "${typeName}"`);
  }
}

function remember(seen: Map<avro.Type, SchemaNode>, type: avro.Type, node: SchemaNode): SchemaNode {
  seen.set(type, node);
  return node;
}
