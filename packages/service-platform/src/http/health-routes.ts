import { Router } from 'express';
import type { Registry } from 'prom-client';
import { ServiceError } from '../errors/service-error.ts';
import { withDeadline } from '../lifecycle/deadline.ts';

/**
 * A dependency probe: resolves when the dependency can take work, rejects (with the reason) otherwise. What it
 * resolves with, if anything, is shown under its name in the answer (e.g. a relay's lag), instead of `up`.
 */
export type ReadinessCheck = () => Promise<unknown> | unknown;

const CHECK_TIMEOUT_MS = 2_000;

const probe = (check: ReadinessCheck): Promise<unknown> =>
  withDeadline(Promise.resolve().then(check), CHECK_TIMEOUT_MS, 'readiness check');

/**
 * `/healthz` (the process runs), `/readyz` (every check passes within 2 s, else a 503 problem naming the
 * ones that failed) and `/metrics` (Prometheus text).
 */
export function healthRoutes(deps: {
  readiness: Record<string, ReadinessCheck>;
  registry: Registry;
}): Router {
  const router = Router();

  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/readyz', async (_req, res) => {
    const entries = Object.entries(deps.readiness);
    const results = await Promise.allSettled(entries.map(([, check]) => probe(check)));
    const down = entries.flatMap(([name], index) => {
      const result = results[index];
      if (result?.status !== 'rejected') return [];
      res.locals.log.warn({ check: name, err: result.reason }, 'readiness check failed');
      return [{ path: name, message: `${name} is not ready` }];
    });
    if (down.length > 0) {
      throw new ServiceError('NOT_READY', `Not ready: ${down.map(({ path }) => path).join(', ')}.`, {
        errors: down,
      });
    }
    const shown = (index: number) => {
      const result = results[index];
      return result?.status === 'fulfilled' && result.value !== undefined ? result.value : 'up';
    };
    res.json({
      status: 'ready',
      checks: Object.fromEntries(entries.map(([name], index) => [name, shown(index)])),
    });
  });

  router.get('/metrics', async (_req, res) => {
    res.set('Content-Type', deps.registry.contentType).send(await deps.registry.metrics());
  });

  return router;
}
