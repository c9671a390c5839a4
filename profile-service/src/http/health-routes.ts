import { Router } from 'express';
import type { Registry } from 'prom-client';

export type ReadinessCheck = () => Promise<Record<string, boolean>>;

export function healthRoutes({
  readiness,
  registry,
}: {
  readiness: ReadinessCheck;
  registry: Registry;
}): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const checks = await readiness();
    const ready = Object.values(checks).every(Boolean);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', checks });
  });
  router.get('/metrics', async (_req, res) => {
    res.type(registry.contentType).send(await registry.metrics());
  });
  return router;
}
