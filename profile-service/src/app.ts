import express, { type Express } from 'express';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { ProfileRepository } from './db/profile-repository.ts';
import { errorHandler } from './http/error-handler.ts';
import { healthRoutes, type ReadinessCheck } from './http/health-routes.ts';
import { profileRoutes } from './http/profile-routes.ts';

export interface AppDeps {
  profiles: Pick<ProfileRepository, 'findById'>;
  readiness: ReadinessCheck;
  registry: Registry;
  logger: Logger;
}

export function createApp({ profiles, readiness, registry, logger }: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(healthRoutes({ readiness, registry }));
  app.use(profileRoutes({ profiles }));
  app.use((_req, res) => {
    res.status(404).json({ error: 'NOT_FOUND', message: 'no such route' });
  });
  app.use(errorHandler({ logger }));
  return app;
}
