import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Logger } from '../observability/logger.ts';
import { formatTraceparent, requestTrace } from '../observability/trace-context.ts';

declare module 'express-serve-static-core' {
  interface Locals {
    requestId: string;
    log: Logger;
    /** This request's span, formatted once for the response header and whatever the request writes. */
    traceparent: string;
  }
}

const SAFE_REQUEST_ID = /^[\w.:-]{1,128}$/;

/** Gives every request an id (the caller's `x-request-id` when sane), a child logger and a trace span. */
export function requestContext(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const incoming = req.get('x-request-id');
    const requestId = incoming !== undefined && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    const trace = requestTrace(req.get('traceparent'));
    const log = logger.child({ requestId, traceId: trace.traceId });
    res.locals.requestId = requestId;
    res.locals.traceparent = formatTraceparent(trace);
    res.locals.log = log;
    res.set('x-request-id', requestId);
    res.set('traceparent', res.locals.traceparent);

    const started = process.hrtime.bigint();
    res.on('finish', () => {
      // Answered requests are counted and timed by the request metrics. A line for each one at info was the
      // largest single cost of POST /users under `npm run bench -- --profile` (synchronous stdout writes),
      // so they are debug; refused and failed requests stay visible at info.
      const level = res.statusCode >= 400 ? 'info' : 'debug';
      if (!log.isLevelEnabled(level)) return;
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      log[level](
        { method: req.method, url: req.originalUrl, statusCode: res.statusCode, durationMs },
        'request completed',
      );
    });
    next();
  };
}
