import { describe, expect, it } from 'vitest';
import { createAvroType } from './create-avro-type.ts';
import { UnrepresentableValue } from './unrepresentable.ts';

const roundTrip = (schema: object, value: unknown): unknown => {
  const type = createAvroType(schema);
  return type.fromBuffer(type.toBuffer(value));
};

describe('logical types', () => {
  it('reads timestamp-millis as the same Date', () => {
    const at = new Date('2024-05-06T07:08:09.123Z');
    expect(roundTrip({ type: 'long', logicalType: 'timestamp-millis' }, at)).toEqual(at);
  });

  it('rejects an invalid Date and a number for timestamp-millis', () => {
    const type = createAvroType({ type: 'long', logicalType: 'timestamp-millis' });
    expect(type.isValid(new Date('nope'))).toBe(false);
    expect(type.isValid(1_700_000_000_000)).toBe(false);
  });

  it('reads a date as its ISO calendar day and rejects impossible days', () => {
    const type = createAvroType({ type: 'int', logicalType: 'date' });
    expect(type.fromBuffer(type.toBuffer('2024-02-29'))).toBe('2024-02-29');
    expect(type.fromBuffer(type.toBuffer('1969-12-31'))).toBe('1969-12-31');
    expect(type.isValid('2023-02-29')).toBe(false);
    expect(type.isValid('2024-2-1')).toBe(false);
  });

  it('accepts only well-formed uuids', () => {
    const type = createAvroType({ type: 'string', logicalType: 'uuid' });
    expect(roundTrip({ type: 'string', logicalType: 'uuid' }, '123e4567-e89b-12d3-a456-426614174000')).toBe(
      '123e4567-e89b-12d3-a456-426614174000',
    );
    expect(type.isValid('123E4567-E89B-12D3-A456-426614174000')).toBe(true);
    for (const bad of [
      '123e4567e89b12d3a456426614174000',
      '123e4567-e89b-12d3-a456-42661417400',
      '123e4567-e89b-12d3-a456-4266141740000',
      '123e4567-e89b-12d3-a456_426614174000',
      '123e4567-e89b-12d3-a4566-42661417400',
      '123e4567-e89b-12d3-a456-42661417400g',
      '123e4567-e89b-12d3-a456-42661417400é',
      '123e4567-e89b-12d3-a456-42661417400\u0130',
    ])
      expect(type.isValid(bad), bad).toBe(false);
  });

  it('round-trips decimals exactly, on bytes and on fixed, padding to the scale', () => {
    const bytes = { type: 'bytes', logicalType: 'decimal', precision: 10, scale: 2 };
    const fixed = { type: 'fixed', name: 'Money', size: 8, logicalType: 'decimal', precision: 18, scale: 4 };
    expect(roundTrip(bytes, '12345678.9')).toBe('12345678.90');
    expect(roundTrip(bytes, '-0.01')).toBe('-0.01');
    expect(roundTrip(bytes, '0')).toBe('0.00');
    expect(roundTrip(fixed, '-99999999999999.9999')).toBe('-99999999999999.9999');
  });

  it('encodes decimals as big-endian two’s complement of the unscaled value', () => {
    const type = createAvroType({ type: 'bytes', logicalType: 'decimal', precision: 5, scale: 2 });
    // -1.28 → unscaled -128 → one byte 0x80, after the length prefix (zigzag 1 → 0x02).
    expect(type.toBuffer('-1.28')).toEqual(Buffer.from([0x02, 0x80]));
  });

  it('rejects decimals with more fraction digits than the scale or more digits than the precision', () => {
    const type = createAvroType({ type: 'bytes', logicalType: 'decimal', precision: 4, scale: 2 });
    expect(type.isValid('1.234')).toBe(false);
    expect(type.isValid('123.45')).toBe(false);
    expect(type.isValid('1e3')).toBe(false);
    expect(type.isValid('99.99')).toBe(true);
  });

  it('falls back to the underlying type when the logical type does not fit it', () => {
    expect(createAvroType({ type: 'long', logicalType: 'decimal', precision: 4 }).typeName).toBe('long');
    expect(createAvroType({ type: 'string', logicalType: 'timestamp-millis' }).typeName).toBe('string');
  });

  it('reads a plain long written by an older schema as a Date through a resolver', () => {
    const writer = createAvroType({ type: 'long' });
    const reader = createAvroType({ type: 'long', logicalType: 'timestamp-millis' });
    const resolver = reader.createResolver(writer);
    expect(reader.fromBuffer(writer.toBuffer(86_400_000), resolver)).toEqual(
      new Date('1970-01-02T00:00:00Z'),
    );
  });

  it('reads a date written into a timestamp-millis reader as that many milliseconds, as Java does (R3)', () => {
    const writer = createAvroType({ type: 'int', logicalType: 'date' });
    const reader = createAvroType({ type: 'long', logicalType: 'timestamp-millis' });
    // Java promotes the int 19700 to the long 19700: the days become milliseconds.
    expect(reader.fromBuffer(Buffer.from('e8b302', 'hex'), reader.createResolver(writer))).toEqual(
      new Date(19_700),
    );
  });

  it('reads every int as a date, beyond the years Date holds (R5), and writes what it reads', () => {
    const type = createAvroType({ type: 'int', logicalType: 'date' });
    const int = createAvroType('int');
    expect(type.fromBuffer(Buffer.from('80d0acf30e', 'hex'))).toBe('+5477784-01-06');
    expect(type.fromBuffer(type.toBuffer('+5477784-01-06'), type.createResolver(int))).toBe('+5477784-01-06');
    expect(int.fromBuffer(type.toBuffer('+5477784-01-06'))).toBe(2_000_000_000);
    expect(type.isValid('+5881580-07-12')).toBe(false);
  });

  it('refuses a timestamp-millis beyond Date’s range on read instead of an invalid Date', () => {
    const type = createAvroType({ type: 'long', logicalType: 'timestamp-millis' });
    const long = createAvroType('long');
    expect(type.fromBuffer(long.toBuffer(8.64e15))).toEqual(new Date(8.64e15));
    expect(() => type.fromBuffer(long.toBuffer(8.64e15 + 1))).toThrow(UnrepresentableValue);
    expect(() => type.fromBuffer(long.toBuffer(-(2 ** 53) + 1))).toThrow(
      'timestamp-millis -9007199254740991 is outside the ±8.64e15 ms a JavaScript Date holds',
    );
    expect(() => type.fromBuffer(Buffer.from('ffffffffffffffffff01', 'hex'))).toThrow(UnrepresentableValue);
  });

  it('reads a decimal of another scale with the reader’s scale, as Java does', () => {
    const writer = createAvroType({ type: 'bytes', logicalType: 'decimal', precision: 10, scale: 2 });
    const reader = createAvroType({ type: 'bytes', logicalType: 'decimal', precision: 10, scale: 3 });
    expect(reader.fromBuffer(writer.toBuffer('1.23'), reader.createResolver(writer))).toBe('0.123');
    const bytes = createAvroType('bytes');
    expect(reader.fromBuffer(bytes.toBuffer(Buffer.from([0xff])), reader.createResolver(bytes))).toBe(
      '-0.001',
    );
  });

  it('round-trips decimals at full precision', () => {
    const digits = '12345678901234567890123456789.012345678';
    expect(roundTrip({ type: 'bytes', logicalType: 'decimal', precision: 38, scale: 9 }, digits)).toBe(
      digits,
    );
    expect(roundTrip({ type: 'bytes', logicalType: 'decimal', precision: 38, scale: 9 }, `-${digits}`)).toBe(
      `-${digits}`,
    );
    const fixed = { type: 'fixed', name: 'D', size: 16, logicalType: 'decimal', precision: 38, scale: 0 };
    expect(roundTrip(fixed, '-99999999999999999999999999999999999999')).toBe(
      '-99999999999999999999999999999999999999',
    );
  });
});
