import type { RequestHandler } from 'express';
import { decodeContent } from './content-decoder.ts';
import { decodeUtf8 } from './decode-utf8.ts';
import { checkJsonContentType } from './json-content-type.ts';
import { parseJson } from './parse-json.ts';
import { readBody } from './read-body.ts';

export const DEFAULT_BODY_LIMIT_BYTES = 16 * 1024;

/**
 * Only UTF-8 JSON gets through, byte for byte as sent: 415 for another type, charset or an encoding we
 * cannot undo; 413 over the limit; 400 for bytes that are not what they claim (bad gzip, invalid UTF-8,
 * invalid JSON, a key given twice). The body is read before it is judged, so the connection stays
 * clean for the client's next request; only a body over the limit is left for Node to discard.
 */
export function jsonBody(options: { limitBytes?: number } = {}): RequestHandler {
  const limitBytes = options.limitBytes ?? DEFAULT_BODY_LIMIT_BYTES;
  return async (req, _res, next) => {
    try {
      const bytes = await readBody(req, { limitBytes });
      checkJsonContentType(req.headers['content-type']);
      const decoded = decodeContent(bytes, req.headers['content-encoding'], limitBytes);
      req.body = parseJson(decodeUtf8(decoded));
    } catch (error) {
      next(error);
      return;
    }
    next();
  };
}
