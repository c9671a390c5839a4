import { isObject, type Json } from './avro-json.ts';

const logical = (type: string, logicalType: string): Json => ({ type, logicalType });
const decimal = (precision: number, scale: number): Json => ({
  type: 'bytes',
  logicalType: 'decimal',
  precision,
  scale,
});

/** What a type is, for the table: `int`, `long/timestamp-millis`, `bytes/decimal`, `fixed/decimal`. */
export function typeKey(type: Json): string | undefined {
  if (typeof type === 'string') return type;
  if (!isObject(type) || typeof type.type !== 'string') return undefined;
  if (typeof type.logicalType === 'string') return `${type.type}/${type.logicalType}`;
  return ['int', 'long', 'float', 'double', 'string', 'bytes', 'boolean'].includes(type.type)
    ? type.type
    : undefined;
}

/**
 * The type changes tried on a field of each kind: Avro's promotions (int→long/float/double, long→float/double,
 * float→double, string↔bytes), their reverses (narrowings), unrelated types, and logical types put on, taken off
 * and changed (the checker reads logical types as their underlying types, as Java does).
 */
export function typeChanges(type: Json): [string, Json][] {
  const key = typeKey(type);
  switch (key) {
    case 'int':
      return [
        ['int→long', 'long'],
        ['int→float', 'float'],
        ['int→double', 'double'],
        ['int→string', 'string'],
        ['int→date', logical('int', 'date')],
      ];
    case 'long':
      return [
        ['long→int', 'int'],
        ['long→float', 'float'],
        ['long→double', 'double'],
        ['long→timestamp-millis', logical('long', 'timestamp-millis')],
      ];
    case 'float':
      return [
        ['float→double', 'double'],
        ['float→int', 'int'],
        ['float→long', 'long'],
      ];
    case 'double':
      return [
        ['double→float', 'float'],
        ['double→long', 'long'],
        ['double→string', 'string'],
      ];
    case 'string':
      return [
        ['string→bytes', 'bytes'],
        ['string→int', 'int'],
        ['string→uuid', logical('string', 'uuid')],
      ];
    case 'bytes':
      return [
        ['bytes→string', 'string'],
        ['bytes→decimal', decimal(10, 2)],
      ];
    case 'boolean':
      return [
        ['boolean→int', 'int'],
        ['boolean→string', 'string'],
      ];
    case 'int/date':
      return [
        ['date→int', 'int'],
        ['date→timestamp-millis', logical('long', 'timestamp-millis')],
        ['date→long', 'long'],
        ['date→string', 'string'],
      ];
    case 'long/timestamp-millis':
      return [
        ['timestamp-millis→long', 'long'],
        ['timestamp-millis→timestamp-micros', logical('long', 'timestamp-micros')],
        ['timestamp-millis→local-timestamp-millis', logical('long', 'local-timestamp-millis')],
        ['timestamp-millis→int', 'int'],
        ['timestamp-millis→double', 'double'],
      ];
    case 'long/timestamp-micros':
      return [
        ['timestamp-micros→long', 'long'],
        ['timestamp-micros→timestamp-millis', logical('long', 'timestamp-millis')],
        ['timestamp-micros→double', 'double'],
      ];
    case 'long/local-timestamp-millis':
      return [
        ['local-timestamp-millis→timestamp-millis', logical('long', 'timestamp-millis')],
        ['local-timestamp-millis→long', 'long'],
      ];
    case 'string/uuid':
      return [
        ['uuid→string', 'string'],
        ['uuid→bytes', 'bytes'],
      ];
    case 'bytes/decimal': {
      const { precision, scale } = type as { precision: number; scale: number };
      return [
        ['decimal→bytes', 'bytes'],
        ['decimal scale changed', decimal(precision, scale + 1)],
        ['decimal precision raised', decimal(precision + 2, scale)],
        [
          'decimal bytes→fixed',
          { type: 'fixed', name: 'DecimalFixed', size: 16, logicalType: 'decimal', precision, scale },
        ],
        ['decimal→string', 'string'],
      ];
    }
    case 'fixed/decimal': {
      const { precision, scale } = type as { precision: number; scale: number };
      return [['decimal fixed→bytes', decimal(precision, scale)]];
    }
    default:
      return [];
  }
}
