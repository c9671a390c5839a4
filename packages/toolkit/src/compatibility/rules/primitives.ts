import type { Incompatibility } from '../incompatibility.ts';
import type { SchemaNode } from '../schema-node.ts';

/** Writer types each reader type accepts besides its own (Avro spec, "Schema Resolution"). */
const PROMOTIONS: Readonly<Record<string, readonly string[]>> = {
  long: ['int'],
  float: ['int', 'long'],
  double: ['int', 'long', 'float'],
  bytes: ['string'],
  string: ['bytes'],
};

/** Reader and writer have different, non-union types: only a numeric or string/bytes promotion can resolve them. */
export function checkPromotion(
  reader: SchemaNode,
  writer: SchemaNode,
  path: readonly string[],
): Incompatibility[] {
  if (PROMOTIONS[reader.type]?.includes(writer.type)) return [];
  return [{ type: 'TYPE_MISMATCH', path, reader, writer }];
}
