import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ServiceError } from '../errors/service-error.ts';
import { PROBLEM_CONTENT_TYPE, problemFromError } from './problem-types.ts';

export const notFound: RequestHandler = (req, _res, next) => {
  next(new ServiceError('NOT_FOUND', `No route for ${req.method} ${req.path}.`));
};

/** The one place errors become HTTP answers: RFC 9457 problem details, logged with their cause. */
export const problemHandler: ErrorRequestHandler = (error: unknown, req, res, next) => {
  if (res.headersSent) return next(error);
  const { requestId, log } = res.locals;
  const problem = problemFromError(error, { instance: req.originalUrl, requestId });
  if (problem.status >= 500) log.error({ err: error, code: problem.code }, 'request failed');
  if (problem.status === 503) res.set('Retry-After', '1');
  res.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
};
