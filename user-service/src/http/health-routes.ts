import { Router } from 'express';
import { UserServiceError } from '../errors.ts';
import type { Logger } from '../observability/logger.ts';
import type { Metrics } from '../observability/metrics.ts';

/** A dependency probe: resolves when reachable, rejects otherwise. */
export type ReadinessCheck = () => Promise<void>;

const CHECK_TIMEOUT_MS = 2_000;

async function probe(check: ReadinessCheck): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([check(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function healthRoutes(deps: {
  readiness: Record<string, ReadinessCheck>;
  metrics: Metrics;
  logger: Logger;
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
      deps.logger.warn({ check: name, err: result.reason }, 'readiness check failed');
      return [{ path: name, message: `${name} is unreachable` }];
    });
    if (down.length > 0) {
      throw new UserServiceError('NOT_READY', 'A dependency is unreachable.', { details: down });
    }
    res.json({ status: 'ready', checks: Object.fromEntries(entries.map(([name]) => [name, 'up'])) });
  });

  router.get('/metrics', async (_req, res) => {
    res.set('Content-Type', deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });

  return router;
}
