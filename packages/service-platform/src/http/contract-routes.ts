import { Router } from 'express';

/**
 * `GET /contracts`: the service's contract manifest (what it writes and reads, from its code), read on every
 * request because schema ids fill in once the registry answers.
 */
export function contractRoutes(manifest: () => object): Router {
  const router = Router();
  router.get('/contracts', (_req, res) => {
    res.json(manifest());
  });
  return router;
}
