import { isConvertedLogicalType } from '../avro/logical-types.ts';

type JsonObject = Record<string, unknown>;

const NAMED = new Set(['record', 'error', 'enum', 'fixed']);

/**
 * JSDoc lines for the logical types the serde does not convert (`timestamp-micros`, `time-millis`, …): avsc
 * reads them as their underlying type, so that is the generated type, and the line keeps what the value means.
 * A field's type is searched through unions, arrays and maps; a named type it uses carries its own line.
 * `declaration`: `schema` is a named type's definition, and only its own logical type counts.
 */
export function unconvertedLogicalTypes(schema: unknown, declaration: boolean): string[] {
  if (Array.isArray(schema)) return schema.flatMap((branch) => unconvertedLogicalTypes(branch, false));
  if (typeof schema !== 'object' || schema === null) return [];
  const object = schema as JsonObject;
  const named = typeof object.type === 'string' && NAMED.has(object.type);
  if (named !== declaration) return [];
  const own =
    typeof object.logicalType === 'string' && !isConvertedLogicalType(object)
      ? [
          `Avro ${object.logicalType}: not converted by the serde, the value is the underlying ${underlying(object)}.`,
        ]
      : [];
  if (declaration) return own;
  if (object.type === 'array') return unconvertedLogicalTypes(object.items, false);
  if (object.type === 'map') return unconvertedLogicalTypes(object.values, false);
  return [...own, ...unconvertedLogicalTypes(object.type, false)];
}

function underlying(schema: JsonObject): string {
  return typeof schema.type === 'string' ? schema.type : 'type';
}
