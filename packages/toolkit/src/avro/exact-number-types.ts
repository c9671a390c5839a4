import avsc from 'avsc';
import type { PendingResolver, Tap } from './avsc-internals.ts';
import { longToDouble, longToFloat, readLong, writeLong } from './long-varint.ts';
import { unrepresentable } from './unrepresentable.ts';

type CheckHook = (value: unknown, type: avsc.Type) => void;

function readSafeLong(tap: Tap): unknown {
  const value = readLong(tap);
  if (typeof value === 'number') return value;
  return unrepresentable(
    value,
    `long ${value} is outside ±(2^53 − 1), the integers a JavaScript number holds exactly`,
  );
}

/** An Avro long as a JavaScript number: exact, or refused on both sides, never rounded or sign-flipped. */
class ExactLongType extends avsc.types.LongType {
  _check(value: unknown, _flags: unknown, hook?: CheckHook): boolean {
    const valid = Number.isSafeInteger(value);
    if (!valid && hook) hook(value, this);
    return valid;
  }

  _read(tap: Tap): unknown {
    return readSafeLong(tap);
  }

  _write(tap: Tap, value: unknown): void {
    if (!Number.isSafeInteger(value)) throw new Error(`invalid "long": ${String(value)}`);
    writeLong(tap, value as number);
  }

  _update(resolver: PendingResolver, writer: avsc.Type): void {
    if (avsc.Type.isType(writer, 'int')) resolver._read = (tap) => tap.readInt();
    else if (avsc.Type.isType(writer, 'long')) resolver._read = readSafeLong;
  }
}

/** Promotions into float round to float32 once, as Java's `(float)` does (889943659 reads as 889943680). */
class ExactFloatType extends avsc.types.FloatType {
  _update(resolver: PendingResolver, writer: avsc.Type): void {
    if (avsc.Type.isType(writer, 'float')) resolver._read = (tap) => tap.readFloat();
    else if (avsc.Type.isType(writer, 'int')) resolver._read = (tap) => Math.fround(tap.readInt());
    else if (avsc.Type.isType(writer, 'long')) resolver._read = (tap) => longToFloat(readLong(tap));
  }
}

/** Promotions into double: a float widens exactly, a long rounds once, as Java's `(double)` does. */
class ExactDoubleType extends avsc.types.DoubleType {
  _update(resolver: PendingResolver, writer: avsc.Type): void {
    if (avsc.Type.isType(writer, 'double')) resolver._read = (tap) => tap.readDouble();
    else if (avsc.Type.isType(writer, 'float')) resolver._read = (tap) => tap.readFloat();
    else if (avsc.Type.isType(writer, 'int')) resolver._read = (tap) => tap.readInt();
    else if (avsc.Type.isType(writer, 'long')) resolver._read = (tap) => longToDouble(readLong(tap));
  }
}

const exactTypes = new Map<string, new () => avsc.Type>([
  ['long', ExactLongType],
  ['float', ExactFloatType],
  ['double', ExactDoubleType],
]);

/** The primitive a schema names (`"long"`, `{"type": "long", ...}`), if any. */
export function primitiveOf(schema: unknown): string | undefined {
  if (typeof schema === 'string') return schema;
  const type = (schema as { type?: unknown } | null)?.type;
  return typeof type === 'string' ? type : undefined;
}

/** The exact type for a long, float or double schema (any logical type on it ignored), else undefined. */
export function exactNumberType(schema: unknown): avsc.Type | undefined {
  const Exact = exactTypes.get(primitiveOf(schema) ?? '');
  return Exact && new Exact();
}
