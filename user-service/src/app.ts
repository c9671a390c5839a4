import express, { type Express } from 'express';
import type { Users } from './domain/users.ts';
import { errorHandler, notFound } from './http/error-handler.ts';
import { healthRoutes, type ReadinessCheck } from './http/health-routes.ts';
import { recordRequestMetrics } from './http/metrics-middleware.ts';
import { requestContext } from './http/request-context.ts';
import { usersRoutes } from './http/users-routes.ts';
import type { Logger } from './observability/logger.ts';
import type { Metrics } from './observability/metrics.ts';

export interface AppDeps {
  users: Users;
  readiness: Record<string, ReadinessCheck>;
  metrics: Metrics;
  logger: Logger;
}

/** Builds the HTTP app without listening or reading the environment. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(requestContext(deps.logger));
  app.use(recordRequestMetrics(deps.metrics));
  app.use(usersRoutes(deps));
  app.use(healthRoutes(deps));
  app.use(notFound);
  app.use(errorHandler);
  return app;
}
