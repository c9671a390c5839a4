import type avsc from 'avsc';

/** avsc's cursor over a buffer, as its types' `_read`/`_write` receive it; avsc does not type it. */
export interface Tap {
  buf: Buffer;
  pos: number;
  readInt(): number;
  readFloat(): number;
  readDouble(): number;
  writeLong(value: number): void;
}

/** A resolver while avsc builds it: a reader type's `_update(resolver, writer, opts)` sets how to read. */
export interface PendingResolver {
  _read?: (tap: Tap) => unknown;
}

/** A finished resolver's read, which avsc keeps internal; called on the resolver (an enum's read needs it). */
export function readerOf(resolver: avsc.Resolver): (tap: Tap) => unknown {
  const pending = resolver as unknown as Required<PendingResolver>;
  return (tap) => pending._read(tap);
}
