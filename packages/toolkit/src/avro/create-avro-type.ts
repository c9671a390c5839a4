import avsc from 'avsc';
import { exactNumberType } from './exact-number-types.ts';
import { javaUnionType } from './java-union-types.ts';
import { isConvertedLogicalType, logicalTypes } from './logical-types.ts';

/**
 * Long, float and double as exact types, unions choosing branches as Java does; a logical type of ours builds its
 * own (exact) underlying type.
 */
function typeHook(schema: avsc.Schema, opts: avsc.ForSchemaOptions): avsc.Type | undefined {
  if (Array.isArray(schema)) return javaUnionType(schema, opts);
  return isConvertedLogicalType(schema) ? undefined : exactNumberType(schema);
}

/**
 * The one set of avsc options used everywhere (codegen, serde, registry client), so that generated types,
 * reader types and writer types agree on logical types, union wrapping and exact numbers.
 */
export const avroOptions: Readonly<Pick<avsc.ForSchemaOptions, 'logicalTypes' | 'typeHook'>> = {
  logicalTypes,
  typeHook,
};

export function createAvroType(schema: unknown): avsc.Type {
  return avsc.Type.forSchema(schema as avsc.Schema, { ...avroOptions });
}
