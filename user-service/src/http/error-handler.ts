import type { ErrorRequestHandler, RequestHandler } from 'express';
import { type ErrorDetail, UserServiceError, type UserServiceErrorCode } from '../errors.ts';

const STATUS: Record<UserServiceErrorCode, number> = {
  VALIDATION_FAILED: 400,
  MALFORMED_BODY: 400,
  UNSUPPORTED_MEDIA_TYPE: 415,
  PAYLOAD_TOO_LARGE: 413,
  CONFLICT: 409,
  NOT_FOUND: 404,
  NOT_READY: 503,
  DATABASE_UNAVAILABLE: 503,
};

/** The one shape of every error response. */
export interface ErrorBody {
  error: {
    code: UserServiceErrorCode | 'INTERNAL';
    message: string;
    requestId: string;
    details?: ErrorDetail[];
  };
}

/** body-parser signals its failures with a `type`; translate them into our error model. */
function fromBodyParser(error: unknown): UserServiceError | undefined {
  const type = (error as { type?: unknown } | null)?.type;
  switch (type) {
    case 'entity.parse.failed':
      return new UserServiceError('MALFORMED_BODY', 'The request body is not valid JSON.', { cause: error });
    case 'entity.too.large':
      return new UserServiceError('PAYLOAD_TOO_LARGE', 'The request body is too large.', { cause: error });
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new UserServiceError('UNSUPPORTED_MEDIA_TYPE', 'The body must be UTF-8 encoded JSON.', {
        cause: error,
      });
    case 'request.aborted':
    case 'request.size.invalid':
      return new UserServiceError('MALFORMED_BODY', 'The request body was incomplete.', { cause: error });
    default:
      return undefined;
  }
}

export const notFound: RequestHandler = (req, _res, next) => {
  next(new UserServiceError('NOT_FOUND', `No route for ${req.method} ${req.path}.`));
};

export const errorHandler: ErrorRequestHandler = (error: unknown, _req, res, next) => {
  if (res.headersSent) return next(error);
  const known = error instanceof UserServiceError ? error : fromBodyParser(error);
  const { requestId, log } = res.locals;
  if (!known) {
    log.error({ err: error }, 'request failed');
    const body: ErrorBody = { error: { code: 'INTERNAL', message: 'Internal server error.', requestId } };
    res.status(500).json(body);
    return;
  }
  const status = STATUS[known.code];
  if (status >= 500) log.warn({ err: known.cause ?? known, code: known.code }, 'request failed');
  if (known.retriable) res.set('Retry-After', '1');
  const body: ErrorBody = {
    error: {
      code: known.code,
      message: known.message,
      requestId,
      ...(known.details.length > 0 ? { details: known.details } : {}),
    },
  };
  res.status(status).json(body);
};
