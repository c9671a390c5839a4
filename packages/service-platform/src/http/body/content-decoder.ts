import { brotliDecompressSync, gunzipSync, inflateSync, type ZlibOptions } from 'node:zlib';
import { ServiceError } from '../../errors/service-error.ts';

type Decode = (bytes: Buffer, options: ZlibOptions) => Buffer;

const DECODERS: Record<string, Decode> = {
  gzip: gunzipSync,
  'x-gzip': gunzipSync,
  deflate: inflateSync,
  br: brotliDecompressSync,
};

export const SUPPORTED_ENCODINGS = Object.keys(DECODERS);

/**
 * The body with its Content-Encoding undone, at most `limitBytes` of it (so a small zip bomb cannot
 * grow past the limit). Anything but one supported encoding (a stack of several included) is a 415;
 * bytes that are not what the encoding says are a 400.
 */
export function decodeContent(bytes: Buffer, header: string | undefined, limitBytes: number): Buffer {
  const name = header?.trim().toLowerCase();
  if (name === undefined || name === '' || name === 'identity') return bytes;
  const decode = DECODERS[name];
  if (decode === undefined) {
    throw new ServiceError(
      'UNSUPPORTED_MEDIA_TYPE',
      `The Content-Encoding ${JSON.stringify(header)} is not supported: send one of ${SUPPORTED_ENCODINGS.join(', ')} or none.`,
    );
  }
  try {
    return decode(bytes, { maxOutputLength: limitBytes });
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new ServiceError(
        'PAYLOAD_TOO_LARGE',
        `The body must be at most ${limitBytes} bytes once decoded.`,
        {
          cause: error,
        },
      );
    }
    throw new ServiceError(
      'MALFORMED_BODY',
      `The body is not valid ${name} data (${(error as Error).message}).`,
      {
        cause: error,
      },
    );
  }
}
