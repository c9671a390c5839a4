import { Router } from 'express';
import { z } from 'zod';
import type { ProfileRepository } from '../../domain/store-profiles.ts';
import { profileServiceError } from '../../errors.ts';

const userIdParam = z.guid();

export function profileRoutes({ profiles }: { profiles: Pick<ProfileRepository, 'findById'> }): Router {
  const router = Router();
  router.get('/profiles/:userId', async (req, res) => {
    const userId = userIdParam.safeParse(req.params.userId);
    if (!userId.success) {
      throw profileServiceError('VALIDATION_FAILED', 'The user id must be a UUID.', {
        errors: [{ path: 'userId', message: 'userId must be a UUID' }],
      });
    }
    const profile = await profiles.findById(userId.data);
    if (profile === undefined) throw profileServiceError('NOT_FOUND', `No profile for user ${userId.data}.`);
    res.json(profile);
  });
  return router;
}
