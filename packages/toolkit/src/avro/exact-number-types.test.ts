import type avsc from 'avsc';
import { describe, expect, it } from 'vitest';
import { createAvroType } from './create-avro-type.ts';
import { UnrepresentableValue } from './unrepresentable.ts';

const long = createAvroType('long');
const int = createAvroType('int');
const float = createAvroType('float');
const double = createAvroType('double');

function resolve(reader: avsc.Type, writer: avsc.Type, body: Buffer): unknown {
  return reader.fromBuffer(body, reader.createResolver(writer));
}

describe('long', () => {
  it('writes the bytes Java writes and reads them back, across the safe range (R4a)', () => {
    expect(long.toBuffer(-6238720486606013).toString('hex')).toBe('f992a8e7a9859516');
    expect(long.toBuffer(-4503599627370497).toString('hex')).toBe('8180808080808010');
    const values = [0, -1, 1, 2 ** 30, -(2 ** 30) - 1, 1.7e12, -(2 ** 52) - 1, -6238720486606013];
    for (const value of [...values, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER])
      expect(long.fromBuffer(long.toBuffer(value)), String(value)).toBe(value);
  });

  it('reads the sign-flip repro exactly, also inside a record', () => {
    expect(long.fromBuffer(Buffer.from('f992a8e7a9859516', 'hex'))).toBe(-6238720486606013);
    const record = createAvroType({ type: 'record', name: 'R', fields: [{ name: 'n', type: 'long' }] });
    expect(record.fromBuffer(Buffer.from('8180808080808010', 'hex'))).toEqual({ n: -4503599627370497 });
  });

  it('refuses a long beyond ±(2^53 − 1) on read instead of rounding it', () => {
    expect(() => long.fromBuffer(Buffer.from('8080808080808020', 'hex'))).toThrow(UnrepresentableValue);
    expect(() => long.fromBuffer(Buffer.from('ffffffffffffffffff01', 'hex'))).toThrow(
      'long -9223372036854775808 is outside ±(2^53 − 1)',
    );
  });

  it('refuses to write a number it cannot write exactly', () => {
    for (const value of [2 ** 60, 2 ** 53, -(2 ** 53), 1.5, Number.NaN, Number.POSITIVE_INFINITY, '1', 1n]) {
      expect(long.isValid(value), String(value)).toBe(false);
      expect(() => long.toBuffer(value), String(value)).toThrow('invalid "long"');
    }
  });
});

describe('promotions into float and double', () => {
  it('rounds an int read as float to float32, as Java does (R4b)', () => {
    expect(resolve(float, int, int.toBuffer(889943659))).toBe(889943680);
    expect(resolve(float, int, int.toBuffer(16777217))).toBe(16777216);
  });

  it('rounds a long read as float to float32 once', () => {
    expect(resolve(float, long, Buffer.from('828080808084808020', 'hex'))).toBe(2 ** 60 + 2 ** 37);
    expect(resolve(float, long, long.toBuffer(889943659))).toBe(889943680);
  });

  it('reads a long as double exactly within ±2^53 and rounded beyond, never sign-flipped', () => {
    expect(resolve(double, long, long.toBuffer(-6238720486606013))).toBe(-6238720486606013);
    expect(resolve(double, long, Buffer.from('ffffffffffffffffff01', 'hex'))).toBe(-(2 ** 63));
  });

  it('widens a float to double exactly, as Java does (0.1f reads as 0.10000000149011612)', () => {
    expect(resolve(double, float, float.toBuffer(0.1))).toBe(0.10000000149011612);
    expect(resolve(double, int, int.toBuffer(-2147483648))).toBe(-2147483648);
  });

  it('round-trips NaN, ±Infinity and -0 through float and double', () => {
    for (const type of [float, double]) {
      for (const value of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0])
        expect(type.fromBuffer(type.toBuffer(value))).toBe(value);
    }
    expect(resolve(double, float, float.toBuffer(Number.NaN))).toBeNaN();
  });
});
