import type { Request, RequestHandler } from 'express';
import { Histogram, type Registry } from 'prom-client';

/** Labels by route template (`/users/:id`), never the raw URL, to keep label cardinality bounded. */
export function routeLabel(req: Request): string {
  const path: unknown = req.route?.path;
  return typeof path === 'string' ? `${req.baseUrl}${path}` : 'unmatched';
}

export function recordRequestMetrics(registry: Registry): RequestHandler {
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by route template and status code.',
    labelNames: ['method', 'route', 'status_code'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  return (req, res, next) => {
    const stopTimer = duration.startTimer();
    res.on('finish', () => {
      stopTimer({ method: req.method, route: routeLabel(req), status_code: String(res.statusCode) });
    });
    next();
  };
}
