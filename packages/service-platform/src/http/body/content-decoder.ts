import type { Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { ServiceError } from '../../errors/service-error.ts';

const DECODERS: Record<string, () => Transform> = {
  gzip: createGunzip,
  'x-gzip': createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

export const SUPPORTED_ENCODINGS = Object.keys(DECODERS);

/**
 * The stream that undoes the body's Content-Encoding, or undefined for an unencoded body. Anything but
 * one supported encoding (a stack of several included) is a 415: we cannot read it.
 */
export function contentDecoder(
  header: string | undefined,
): { name: string; create: () => Transform } | undefined {
  const name = header?.trim().toLowerCase();
  if (name === undefined || name === '' || name === 'identity') return undefined;
  const create = DECODERS[name];
  if (create === undefined) {
    throw new ServiceError(
      'UNSUPPORTED_MEDIA_TYPE',
      `The Content-Encoding ${JSON.stringify(header)} is not supported: send one of ${SUPPORTED_ENCODINGS.join(', ')} or none.`,
    );
  }
  return { name, create };
}
