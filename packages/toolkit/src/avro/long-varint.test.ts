import { describe, expect, it } from 'vitest';
import type { Tap } from './avsc-internals.ts';
import { longToDouble, longToFloat, readLong } from './long-varint.ts';

/** Enough of a Tap for readLong: it only moves over the buffer. */
function tapOver(hex: string): Tap {
  return { buf: Buffer.from(hex, 'hex'), pos: 0 } as Tap;
}

// Varints as Avro 1.12's Java BinaryEncoder writes them.
const javaWritten: [string, number | bigint][] = [
  ['f992a8e7a9859516', -6238720486606013],
  ['8180808080808010', -4503599627370497],
  ['8080808080808010', 4503599627370496],
  ['feffffffffffff1f', Number.MAX_SAFE_INTEGER],
  ['fdffffffffffff1f', Number.MIN_SAFE_INTEGER],
  ['8080808080808020', 9007199254740992n],
  ['ffffffffffffff1f', -9007199254740992n],
  ['feffffffffffffffff01', 9223372036854775807n],
  ['ffffffffffffffffff01', -9223372036854775808n],
];

describe('readLong', () => {
  it('reads every varint Java writes exactly: a number within ±(2^53 − 1), a bigint beyond', () => {
    for (const [hex, expected] of javaWritten) {
      const tap = tapOver(hex);
      expect(readLong(tap), hex).toBe(expected);
      expect(tap.pos).toBe(hex.length / 2);
    }
  });

  it('reads small values on the integer path', () => {
    expect(readLong(tapOver('00'))).toBe(0);
    expect(readLong(tapOver('01'))).toBe(-1);
    expect(readLong(tapOver('02'))).toBe(1);
    expect(readLong(tapOver('feffff7f'))).toBe(134217727);
  });

  it('refuses a varint longer than ten bytes, as Java does', () => {
    expect(() => readLong(tapOver('ffffffffffffffffffff01'))).toThrow('invalid long encoding');
  });
});

describe('long promotions', () => {
  it('rounds a long to double once, as Java does', () => {
    expect(longToDouble(-6238720486606013)).toBe(-6238720486606013);
    expect(longToDouble(-9223372036854775808n)).toBe(-(2 ** 63));
    expect(longToDouble(1152921504606846977n)).toBe(2 ** 60);
  });

  it('rounds a long to float32 once, not through a double (Java gives 2^60 + 2^37 for 2^60 + 2^36 + 1)', () => {
    expect(longToFloat(1152921573326323713n)).toBe(2 ** 60 + 2 ** 37);
    expect(longToFloat(-1152921573326323713n)).toBe(-(2 ** 60 + 2 ** 37));
    expect(longToFloat(889943659)).toBe(889943680);
    expect(longToFloat(-9223372036854775808n)).toBe(-(2 ** 63));
  });
});
