import express, { type Express, type Router } from 'express';
import type { Registry } from 'prom-client';
import type { Logger } from '../observability/logger.ts';
import { contractRoutes } from './contract-routes.ts';
import { notFound, problemHandler } from './error-handler.ts';
import { healthRoutes, type ReadinessCheck } from './health-routes.ts';
import { requestContext } from './request-context.ts';
import { recordRequestMetrics } from './request-metrics.ts';

export interface ServiceAppDeps {
  logger: Logger;
  registry: Registry;
  readiness: Record<string, ReadinessCheck>;
  /** The service's contract manifest (`@events/toolkit`'s describeContractSurface), served at GET /contracts. */
  contracts: () => object;
  /** The service's own routes; bodies are parsed per route (see jsonBody), never globally. */
  routes: Router[];
}

/**
 * An Express app with what every service answers the same way: request ids and trace spans, request
 * metrics, health/readiness/metrics routes, 404 for unknown routes and problem details for every error.
 */
export function createServiceApp(deps: ServiceAppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(requestContext(deps.logger));
  app.use(recordRequestMetrics(deps.registry));
  app.use(healthRoutes(deps));
  app.use(contractRoutes(deps.contracts));
  for (const router of deps.routes) app.use(router);
  app.use(notFound);
  app.use(problemHandler);
  return app;
}
