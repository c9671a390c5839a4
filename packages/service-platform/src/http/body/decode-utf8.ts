import { ServiceError } from '../../errors/service-error.ts';

const strict = new TextDecoder('utf-8', { fatal: true });
const REPLACEMENT = '\uFFFD';
const REPLACEMENT_BYTES = Buffer.from(REPLACEMENT);

/**
 * The body as text, refusing invalid UTF-8 instead of silently turning it into U+FFFD (which would
 * store something other than what the client sent). A leading byte order mark is dropped.
 */
export function decodeUtf8(bytes: Buffer): string {
  try {
    return strict.decode(bytes);
  } catch (error) {
    throw new ServiceError(
      'MALFORMED_BODY',
      `The body is not valid UTF-8: invalid byte sequence at byte offset ${invalidUtf8Offset(bytes)}.`,
      { cause: error },
    );
  }
}

/** Where the first invalid sequence starts: the lenient decoding up to it is exact. */
export function invalidUtf8Offset(bytes: Buffer): number {
  const lenient = bytes.toString('utf8');
  for (
    let index = lenient.indexOf(REPLACEMENT);
    index !== -1;
    index = lenient.indexOf(REPLACEMENT, index + 1)
  ) {
    const offset = Buffer.byteLength(lenient.slice(0, index));
    // A U+FFFD the client really sent is valid; keep looking past it.
    if (!bytes.subarray(offset, offset + 3).equals(REPLACEMENT_BYTES)) return offset;
  }
  return -1;
}
