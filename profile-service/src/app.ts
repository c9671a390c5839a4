import { createServiceApp, type ReadinessCheck } from '@events/service-platform/http';
import type { Logger } from '@events/service-platform/observability';
import type { Express } from 'express';
import type { Registry } from 'prom-client';
import type { ProfileRepository } from './domain/store-profiles.ts';
import { profileRoutes } from './entry-points/http/profile-routes.ts';

export interface AppDeps {
  profiles: Pick<ProfileRepository, 'findById'>;
  readiness: Record<string, ReadinessCheck>;
  registry: Registry;
  logger: Logger;
}

/** Builds the HTTP app without listening or reading the environment. */
export function createApp({ profiles, readiness, registry, logger }: AppDeps): Express {
  return createServiceApp({ logger, registry, readiness, routes: [profileRoutes({ profiles })] });
}
