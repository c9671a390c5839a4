import type { ContractManifest } from '@events/contracts';
import { createServiceApp, type ReadinessCheck } from '@events/service-platform/http';
import type { Logger } from '@events/service-platform/observability';
import type { Express } from 'express';
import type { Users } from './domain/users.ts';
import { usersRoutes } from './entry-points/http/users-routes.ts';
import type { Metrics } from './observability/metrics.ts';

export interface AppDeps {
  users: Users;
  /** The service's contract manifest, as GET /contracts shows it. */
  contracts: () => ContractManifest;
  readiness: Record<string, ReadinessCheck>;
  metrics: Metrics;
  logger: Logger;
}

/** Builds the HTTP app without listening or reading the environment. */
export function createApp(deps: AppDeps): Express {
  return createServiceApp({
    logger: deps.logger,
    registry: deps.metrics.registry,
    readiness: deps.readiness,
    contracts: deps.contracts,
    routes: [usersRoutes(deps)],
  });
}
