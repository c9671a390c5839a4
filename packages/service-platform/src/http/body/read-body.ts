import type { IncomingMessage } from 'node:http';
import getRawBody from 'raw-body';
import { ServiceError } from '../../errors/service-error.ts';
import { contentDecoder } from './content-decoder.ts';

/**
 * The body's bytes after undoing its Content-Encoding, at most `limitBytes` of them (a compressed body
 * is limited after decompression, so a small zip bomb cannot grow past it). Failures are ours to name:
 * 413 beyond the limit, 400 for bytes that are not what the encoding says or a body cut short.
 */
export async function readBody(req: IncomingMessage, options: { limitBytes: number }): Promise<Buffer> {
  const decoder = contentDecoder(req.headers['content-encoding']);
  if (decoder === undefined) {
    return getRawBody(req, {
      limit: options.limitBytes,
      length: req.headers['content-length'] ?? null,
    }).catch((error: unknown) => {
      throw fromRawBody(error);
    });
  }
  const declared = Number(req.headers['content-length']);
  // Compressed bytes never grow on decompression's way back down, so this refusal is safe and early.
  if (declared > options.limitBytes) throw tooLarge(options.limitBytes);
  const stream = decoder.create();
  // The decoder does not see the request's own failures (client gone): pass them on.
  req.once('error', (error) => stream.destroy(error));
  req.pipe(stream);
  return getRawBody(stream, { limit: options.limitBytes }).catch((error: unknown) => {
    if (isZlibError(error)) {
      throw new ServiceError(
        'MALFORMED_BODY',
        `The body is not valid ${decoder.name} data (${(error as Error).message}).`,
        { cause: error },
      );
    }
    throw fromRawBody(error);
  });
}

function isZlibError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('Z_');
}

const tooLarge = (limitBytes: number) =>
  new ServiceError('PAYLOAD_TOO_LARGE', `The body must be at most ${limitBytes} bytes.`);

function fromRawBody(error: unknown): unknown {
  const { type, limit } = (error ?? {}) as { type?: unknown; limit?: number };
  switch (type) {
    case 'entity.too.large':
      return tooLarge(limit ?? 0);
    case 'request.size.invalid':
      return new ServiceError('MALFORMED_BODY', 'The body is not as long as its Content-Length says.', {
        cause: error,
      });
    case 'request.aborted':
      return new ServiceError('MALFORMED_BODY', 'The body was cut short: the client went away.', {
        cause: error,
      });
    default:
      return error;
  }
}
