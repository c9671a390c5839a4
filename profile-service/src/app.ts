import type { ContractManifest } from '@events/contracts';
import { createServiceApp, type ReadinessCheck } from '@events/service-platform/http';
import type { Logger } from '@events/service-platform/observability';
import type { Express } from 'express';
import type { Registry } from 'prom-client';
import type { ProfileRepository } from './domain/store-profiles.ts';
import { profileRoutes } from './entry-points/http/profile-routes.ts';

export interface AppDeps {
  profiles: Pick<ProfileRepository, 'findById'>;
  /** The service's contract manifest, as GET /contracts shows it. */
  contracts: () => ContractManifest;
  readiness: Record<string, ReadinessCheck>;
  registry: Registry;
  logger: Logger;
}

/** Builds the HTTP app without listening or reading the environment. */
export function createApp({ profiles, contracts, readiness, registry, logger }: AppDeps): Express {
  return createServiceApp({ logger, registry, readiness, contracts, routes: [profileRoutes({ profiles })] });
}
