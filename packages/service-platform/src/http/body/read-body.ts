import type { IncomingMessage } from 'node:http';
import getRawBody from 'raw-body';
import { ServiceError } from '../../errors/service-error.ts';

/**
 * The body's bytes as sent, at most `limitBytes` of them (413 beyond; a declared length beyond is
 * refused before reading). Read whole even when it will be refused for its type or encoding: a body
 * left on the wire would make the connection unsafe to reuse for the client's next request.
 */
export async function readBody(req: IncomingMessage, options: { limitBytes: number }): Promise<Buffer> {
  try {
    return await getRawBody(req, {
      limit: options.limitBytes,
      length: req.headers['content-length'] ?? null,
    });
  } catch (error) {
    throw fromRawBody(error);
  }
}

function fromRawBody(error: unknown): unknown {
  const { type, limit } = (error ?? {}) as { type?: unknown; limit?: number };
  switch (type) {
    case 'entity.too.large':
      return new ServiceError('PAYLOAD_TOO_LARGE', `The body must be at most ${limit} bytes.`, {
        cause: error,
      });
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
