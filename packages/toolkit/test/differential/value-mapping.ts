import type avsc from 'avsc';

/**
 * How a value the toolkit's consumer decoded is compared with what Java's GenericDatumReader returned, walking the
 * reader type (README, "Differential tests against Java"). Java's side is JSON from the oracle: long as a decimal
 * string, float/double as numbers or "NaN"/"Infinity"/"-Infinity", bytes and fixed as hex, enum as its symbol, a
 * union as {branch, value}, logical types as their underlying value. The toolkit's side is what decode returned.
 */
export interface ValueMismatch {
  /** Record fields, array indexes, map keys and wrapped union branches, as the toolkit's error details name them. */
  path: string;
  /** The reader's type there: `long`, `float`, `logical:date`, `union:wrapped`… */
  readerType: string;
  java: unknown;
  toolkit: unknown;
  /** What the difference looks like, where that is recognisable (`sign flipped`). */
  hint?: string;
}

interface JavaUnion {
  branch: string;
  value: unknown;
}

type Fields = { name: string; type: avsc.Type }[];
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const DATE_RANGE_MS = 8_640_000_000_000_000n;

/** A mismatch at `path`, where the reader's type is `readerType`, with an optional hint. */
function mismatchAt(readerType: string, java: unknown, toolkit: unknown, path: string[]) {
  return (hint?: string): ValueMismatch => ({
    path: path.join('.'),
    readerType,
    java,
    toolkit: printable(toolkit),
    ...(hint && { hint }),
  });
}

export function compareDecoded(
  type: avsc.Type,
  java: unknown,
  toolkit: unknown,
  path: string[] = [],
): ValueMismatch | undefined {
  const name = type.typeName;
  const mismatch = mismatchAt(name, java, toolkit, path);
  switch (name) {
    case 'null':
      return toolkit === null && java === null ? undefined : mismatch();
    case 'boolean':
    case 'int':
    case 'enum':
      return toolkit === java ? undefined : mismatch();
    case 'string':
      if (toolkit === java) return undefined;
      return mismatch(
        `${java}${String(toolkit)}`.includes('\uFFFD') ? 'malformed UTF-8 replaced differently' : undefined,
      );
    case 'long':
      return longEquals(java as string, toolkit) ? undefined : mismatch(longHint(java as string, toolkit));
    case 'float':
    case 'double':
      if (floatEquals(java, toolkit)) return undefined;
      return mismatch(
        name === 'float' && typeof toolkit === 'number' && Object.is(Math.fround(toolkit), java)
          ? 'not rounded to float32'
          : undefined,
      );
    case 'bytes':
    case 'fixed':
      return Buffer.isBuffer(toolkit) && toolkit.toString('hex') === java ? undefined : mismatch();
    case 'array': {
      if (!Array.isArray(toolkit) || !Array.isArray(java) || toolkit.length !== java.length)
        return mismatch('length');
      const items = (type as avsc.types.ArrayType).itemsType;
      for (let i = 0; i < java.length; i += 1) {
        const found = compareDecoded(items, java[i], toolkit[i], [...path, String(i)]);
        if (found) return found;
      }
      return undefined;
    }
    case 'map': {
      const values = (type as avsc.types.MapType).valuesType;
      if (!isPlainObject(toolkit) || !isPlainObject(java)) return mismatch();
      const keys = Object.keys(java).sort();
      if (JSON.stringify(keys) !== JSON.stringify(Object.keys(toolkit).sort())) return mismatch('keys');
      for (const key of keys) {
        const found = compareDecoded(values, java[key], toolkit[key], [...path, key]);
        if (found) return found;
      }
      return undefined;
    }
    case 'record':
    case 'error': {
      if (typeof toolkit !== 'object' || toolkit === null || !isPlainObject(java)) return mismatch();
      for (const field of (type as unknown as { fields: Fields }).fields) {
        const value = (toolkit as Record<string, unknown>)[field.name];
        const found = compareDecoded(field.type, java[field.name], value, [...path, field.name]);
        if (found) return found;
      }
      return undefined;
    }
    case 'union:unwrapped':
    case 'union:wrapped': {
      const { branch, value } = java as JavaUnion;
      const reader = branchNamed(type, branch);
      if (!reader) return mismatch(`Java read branch ${branch}, which the reader lacks`);
      if (branch === 'null') return toolkit === null ? undefined : mismatch();
      if (name === 'union:unwrapped') return compareDecoded(reader, value, toolkit, path);
      if (!isPlainObject(toolkit) || !(branch in toolkit))
        return mismatch(`expected the wrapped branch ${branch}`);
      return compareDecoded(reader, value, toolkit[branch], [...path, branch]);
    }
    default:
      if (name.startsWith('logical:'))
        return compareLogical(type as avsc.types.LogicalType, java, toolkit, path);
      return mismatch('a reader type the mapping does not know');
  }
}

function compareLogical(
  type: avsc.types.LogicalType,
  java: unknown,
  toolkit: unknown,
  path: string[],
): ValueMismatch | undefined {
  const name = type.typeName;
  const mismatch = mismatchAt(name, java, toolkit, path);
  switch (name) {
    case 'logical:timestamp-millis':
      // A Date of the milliseconds Java read.
      if (toolkit instanceof Date)
        return !Number.isNaN(toolkit.getTime()) && BigInt(toolkit.getTime()).toString() === java
          ? undefined
          : mismatch();
      break;
    case 'logical:date':
      // An ISO calendar date of the days Java read.
      if (typeof toolkit === 'string') return daysOf(toolkit) === java ? undefined : mismatch('date text');
      break;
    case 'logical:decimal':
      // The exact decimal text of Java's unscaled two's-complement bytes at the reader's scale.
      if (typeof toolkit === 'string') {
        const scale = (type as unknown as { scale: number }).scale;
        return decimalUnscaled(toolkit, scale) === unscaledOf(java as string)
          ? undefined
          : mismatch('decimal');
      }
      break;
    default:
      break;
  }
  // A logical type the toolkit leaves unconverted (uuid is already a string) compares as its underlying type.
  return compareDecoded(type.underlyingType, java, toolkit, path);
}

function branchNamed(union: avsc.Type, branch: string): avsc.Type | undefined {
  return (union as unknown as { types: avsc.Type[] }).types.find((type) => type.branchName === branch);
}

/**
 * The paths of values Java read that the toolkit documents it refuses, as they would appear in the toolkit's
 * decode error details: longs outside ±(2^53 − 1) and timestamp-millis outside a JavaScript Date's ±8.64e15 ms.
 */
export function unrepresentablePaths(type: avsc.Type, java: unknown, path: string[] = []): string[] {
  const name = type.typeName;
  switch (name) {
    case 'long':
      return abs(BigInt(java as string)) > MAX_SAFE ? [path.join('.')] : [];
    case 'logical:timestamp-millis':
      return abs(BigInt(java as string)) > DATE_RANGE_MS ? [path.join('.')] : [];
    case 'array': {
      const items = (type as avsc.types.ArrayType).itemsType;
      return (java as unknown[]).flatMap((item, i) =>
        unrepresentablePaths(items, item, [...path, String(i)]),
      );
    }
    case 'map': {
      const values = (type as avsc.types.MapType).valuesType;
      return Object.entries(java as Record<string, unknown>).flatMap(([key, value]) =>
        unrepresentablePaths(values, value, [...path, key]),
      );
    }
    case 'record':
    case 'error':
      return (type as unknown as { fields: Fields }).fields.flatMap((field) =>
        unrepresentablePaths(field.type, (java as Record<string, unknown>)[field.name], [
          ...path,
          field.name,
        ]),
      );
    case 'union:unwrapped':
    case 'union:wrapped': {
      const { branch, value } = java as JavaUnion;
      const reader = branchNamed(type, branch);
      if (!reader || branch === 'null') return [];
      return unrepresentablePaths(reader, value, name === 'union:wrapped' ? [...path, branch] : path);
    }
    default:
      return name.startsWith('logical:') && name !== 'logical:timestamp-millis'
        ? unrepresentablePaths((type as avsc.types.LogicalType).underlyingType, java, path)
        : [];
  }
}

function abs(value: bigint): bigint {
  return value < 0n ? -value : value;
}

function longEquals(java: string, toolkit: unknown): boolean {
  if (typeof toolkit === 'bigint') return toolkit.toString() === java;
  return typeof toolkit === 'number' && Number.isInteger(toolkit) && BigInt(toolkit).toString() === java;
}

function longHint(java: string, toolkit: unknown): string | undefined {
  if (typeof toolkit !== 'number' || !Number.isInteger(toolkit)) return undefined;
  const expected = BigInt(java);
  const got = BigInt(toolkit);
  if (abs(got + expected) <= 1n && expected !== 0n) return 'sign flipped';
  return abs(got - expected) < 1024n ? 'rounded' : undefined;
}

function floatEquals(java: unknown, toolkit: unknown): boolean {
  if (typeof toolkit !== 'number') return false;
  if (java === 'NaN') return Number.isNaN(toolkit);
  if (java === 'Infinity') return toolkit === Number.POSITIVE_INFINITY;
  if (java === '-Infinity') return toolkit === Number.NEGATIVE_INFINITY;
  return Object.is(toolkit, java);
}

/** Days since 1970-01-01 of an ISO date (`2024-02-29`, `+275760-09-13`, `-000001-12-31`), proleptic Gregorian. */
export function daysOf(text: string): number | undefined {
  const match = /^([+-]?\d{4,})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  // Counted from 0000-03-01 so that leap days fall at the end of a year (Hinnant's days_from_civil).
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function decimalUnscaled(text: string, scale: number): string | undefined {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) return undefined;
  const [, sign = '', whole = '', fraction = ''] = match;
  if (fraction.length !== scale) return undefined;
  return BigInt(`${sign}${whole}${fraction}`).toString();
}

function unscaledOf(hex: string): string {
  if (hex === '') return '0';
  return BigInt.asIntN(hex.length * 4, BigInt(`0x${hex}`)).toString();
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);
}

/** A decoded value as report text: buffers as hex, bigint and Date as their text. */
export function printable(value: unknown): unknown {
  if (Buffer.isBuffer(value)) return `<hex ${value.toString('hex')}>`;
  if (typeof value === 'bigint') return `${value}n`;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (Array.isArray(value)) return value.map(printable);
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, printable(v)]));
  return value;
}
