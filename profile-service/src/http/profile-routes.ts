import { Router } from 'express';
import { z } from 'zod';
import type { ProfileRepository } from '../db/profile-repository.ts';

const userIdParam = z.guid();

export function profileRoutes({ profiles }: { profiles: Pick<ProfileRepository, 'findById'> }): Router {
  const router = Router();
  router.get('/profiles/:userId', async (req, res) => {
    const userId = userIdParam.safeParse(req.params.userId);
    if (!userId.success) {
      res.status(400).json({ error: 'INVALID_USER_ID', message: 'userId must be a UUID' });
      return;
    }
    const profile = await profiles.findById(userId.data);
    if (profile === undefined) {
      res.status(404).json({ error: 'PROFILE_NOT_FOUND', message: `no profile for user ${userId.data}` });
      return;
    }
    res.json(profile);
  });
  return router;
}
