import { jsonBody } from '@events/service-platform/http';
import { type RequestHandler, Router } from 'express';
import type { User } from '../../domain/user.ts';
import type { Users } from '../../domain/users.ts';
import { userServiceError } from '../../errors.ts';
import type { Metrics } from '../../observability/metrics.ts';
import { parseIdempotencyKey } from './idempotency-key-header.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function toResponse(user: User) {
  return {
    id: user.id,
    email: user.email,
    username: user.username,
    displayName: user.displayName,
    registeredAt: user.registeredAt.toISOString(),
  };
}

export function usersRoutes(deps: { users: Users; metrics: Metrics }): Router {
  const router = Router();

  const register: RequestHandler = async (req, res) => {
    const idempotencyKey = parseIdempotencyKey(req.headersDistinct['idempotency-key']);
    const { user, replayed } = await deps.users.register(req.body, {
      traceparent: res.locals.traceparent,
      ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
    });
    // A replay answers an earlier request's registration again: it is not a new one.
    if (!replayed) deps.metrics.usersRegistered.inc();
    // The outbox row and its event are the record of a registration, and the counter above counts them: a
    // synchronous info line per request was a measurable share of POST /users' time, so it is debug.
    res.locals.log.debug({ userId: user.id, replayed }, 'user registered');
    // The same answer as the original request's, byte for byte.
    res.status(201).location(`/users/${user.id}`).json(toResponse(user));
  };

  const body = jsonBody();
  router.post('/users', body, register);
  // Earlier clients post here; same contract as POST /users.
  router.post('/user/register', body, register);

  router.get('/users/:id', async (req, res) => {
    const { id } = req.params;
    if (!UUID.test(id)) {
      throw userServiceError('VALIDATION_FAILED', 'The user id must be a UUID.', {
        errors: [{ path: 'id', message: 'id must be a UUID' }],
      });
    }
    const user = await deps.users.findById(id.toLowerCase());
    if (!user) throw userServiceError('NOT_FOUND', 'No user with this id.');
    res.json(toResponse(user));
  });

  return router;
}
