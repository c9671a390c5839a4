import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import { ProfileServiceError } from '../errors.ts';

/** The one place errors become HTTP statuses; 5xx bodies never carry internals. */
export function errorHandler({ logger }: { logger: Logger }): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const unavailable = error instanceof ProfileServiceError && error.retriable;
    logger.error({ err: error, method: req.method, url: req.originalUrl }, 'request failed');
    if (unavailable) {
      res
        .status(503)
        .set('Retry-After', '5')
        .json({ error: 'SERVICE_UNAVAILABLE', message: 'try again shortly' });
      return;
    }
    res.status(500).json({ error: 'INTERNAL', message: 'internal error' });
  };
}
