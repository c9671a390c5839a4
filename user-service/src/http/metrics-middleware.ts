import type { Request, RequestHandler } from 'express';
import type { Metrics } from '../observability/metrics.ts';

/** Labels by route template (`/users/:id`), never the raw URL, to keep label cardinality bounded. */
export function routeLabel(req: Request): string {
  const path: unknown = req.route?.path;
  return typeof path === 'string' ? `${req.baseUrl}${path}` : 'unmatched';
}

export function recordRequestMetrics(metrics: Metrics): RequestHandler {
  return (req, res, next) => {
    const stopTimer = metrics.httpRequestDuration.startTimer();
    res.on('finish', () => {
      stopTimer({ method: req.method, route: routeLabel(req), status_code: String(res.statusCode) });
    });
    next();
  };
}
