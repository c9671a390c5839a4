import type { Tap } from './avsc-internals.ts';

const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const TWO_POW_27 = 2 ** 27;

/**
 * An Avro long, exactly: a number when it is a safe integer, else a bigint. avsc 5.7.9 reads zigzag varints above
 * 2^53 with float arithmetic and flips signs (mtth/avsc#455). Up to four bytes (|value| < 2^27) this is avsc's
 * integer loop; up to 2^52 exact float arithmetic; BigInt only beyond.
 */
export function readLong(tap: Tap): number | bigint {
  const { buf } = tap;
  const start = tap.pos;
  let pos = start;
  let low = 0;
  let byte = 0;
  for (let shift = 0; shift < 28; shift += 7) {
    // Past the end reads as 0 and ends the varint; avsc then reports the tap as truncated.
    byte = buf[pos++] ?? 0;
    low |= (byte & 0x7f) << shift;
    if (byte < 0x80) {
      tap.pos = pos;
      return (low >>> 1) ^ -(low & 1);
    }
  }
  // The zigzag value is low + high * 2^28, with high from up to six more bytes (exact: below 2^42).
  let high = 0;
  let scale = 1;
  do {
    if (pos - start === 10) throw new Error('invalid long encoding: more than 10 bytes');
    byte = buf[pos++] ?? 0;
    high += (byte & 0x7f) * scale;
    scale *= 128;
  } while (byte >= 0x80);
  tap.pos = pos;
  if (high < 2 ** 25) {
    const half = (low >>> 1) + high * TWO_POW_27; // below 2^53: exact
    return low & 1 ? -half - 1 : half;
  }
  const zigzag = BigInt.asUintN(64, BigInt(low) + (BigInt(high) << 28n));
  const value = (zigzag >> 1n) ^ -(zigzag & 1n);
  return value >= MIN_SAFE && value <= MAX_SAFE ? Number(value) : value;
}

/**
 * Writes a safe integer as an Avro long. avsc's float path computes the zigzag of a negative n as -2n-1, which
 * rounds below -2^52 (-4503599627370497 was written as +4503599627370496); here it is 2m+1 with m = -n-1, exact.
 */
export function writeLong(tap: Tap, value: number): void {
  if (value >= -1073741824 && value < 1073741824) {
    tap.writeLong(value); // avsc's integer path: exact in this range
    return;
  }
  const negative = value < 0;
  let rest = negative ? -value - 1 : value;
  const { buf } = tap;
  let pos = tap.pos;
  // First byte: the zigzag's sign bit, six bits of the magnitude, a continuation (|value| >= 2^30 needs more).
  buf[pos++] = 0x80 | ((rest % 64) * 2) | (negative ? 1 : 0);
  rest = Math.floor(rest / 64);
  while (rest > 0x7f) {
    buf[pos++] = 0x80 | (rest % 128);
    rest = Math.floor(rest / 128);
  }
  buf[pos++] = rest;
  tap.pos = pos;
}

/** Java's `(double) long`: the nearest double, rounded once. */
export function longToDouble(value: number | bigint): number {
  return typeof value === 'number' ? value : Number(value);
}

/**
 * Java's `(float) long`: the nearest float32, rounded once. Math.fround(Number(big)) rounds twice and can land on
 * the wrong side of a tie (2^60 + 2^36 + 1 gives 2^60 instead of 2^60 + 2^37).
 */
export function longToFloat(value: number | bigint): number {
  if (typeof value === 'number') return Math.fround(value); // a safe integer is an exact double: one rounding
  const negative = value < 0n;
  const magnitude = negative ? -value : value;
  const dropped = BigInt(magnitude.toString(2).length - 24);
  let kept = magnitude >> dropped;
  const remainder = magnitude - (kept << dropped);
  const half = 1n << (dropped - 1n);
  if (remainder > half || (remainder === half && (kept & 1n) === 1n)) kept += 1n;
  const rounded = Number(kept << dropped); // at most 25 significant bits: exact
  return negative ? -rounded : rounded;
}
