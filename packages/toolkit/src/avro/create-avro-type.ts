import avsc from 'avsc';
import { logicalTypes } from './logical-types.ts';

/**
 * The one set of avsc options used everywhere (codegen, serde, registry client), so that generated types,
 * reader types and writer types agree on logical types and union wrapping.
 */
export const avroOptions: Readonly<Pick<avsc.ForSchemaOptions, 'logicalTypes' | 'wrapUnions'>> = {
  logicalTypes,
  wrapUnions: 'auto',
};

export function createAvroType(schema: unknown): avsc.Type {
  return avsc.Type.forSchema(schema as avsc.Schema, { ...avroOptions });
}
