import { ServiceError } from '@events/service-platform/errors';
import { describe, expect, it } from 'vitest';
import { userServiceError } from '../errors.ts';
import { fingerprintOf, type KeyedRegistration } from './idempotency.ts';
import { createRegisterUser } from './register-user.ts';
import type { User } from './user.ts';
import type { StoreResult, UserRepository } from './user-repository-port.ts';

const body = { email: 'ada@example.com', username: 'ada' };
const context = { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' };
const fast = { deadlineMs: 200, baseDelayMs: 10, maxDelayMs: 20 };

const earlier: User = { id: 'earlier', ...body, displayName: null, registeredAt: new Date(0) };
const fingerprint = fingerprintOf({ ...body, displayName: null });

/** A store scripted per call; `stored` is what the lookups find once set. */
function storeThat(insert: (user: User) => Promise<StoreResult>) {
  const state: { stored?: User; storedKey?: KeyedRegistration; lookups: number } = { lookups: 0 };
  const store: Pick<UserRepository, 'insertWithEvent' | 'findById' | 'findByIdempotencyKey'> = {
    insertWithEvent: (user) => insert(user),
    async findById(id) {
      state.lookups += 1;
      return state.stored?.id === id ? state.stored : undefined;
    },
    async findByIdempotencyKey() {
      state.lookups += 1;
      return state.storedKey;
    },
  };
  return { store, state };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ServiceError);
  return (error as ServiceError).code;
}

describe('registerUser with an Idempotency-Key', () => {
  it('answers a retry of a stored key with the stored registration', async () => {
    const { store } = storeThat(async () => ({
      status: 'key-used',
      previous: { fingerprint, user: earlier },
    }));
    const register = createRegisterUser({ repository: store });
    expect(await register(body, { ...context, idempotencyKey: 'k' })).toEqual({
      user: earlier,
      replayed: true,
    });
  });

  it('refuses the key with another registration (422) and one still in flight (409)', async () => {
    const other = { fingerprint: 'another', user: earlier };
    const reused = createRegisterUser({
      repository: storeThat(async () => ({ status: 'key-used', previous: other })).store,
    });
    expect(await codeOf(reused(body, { ...context, idempotencyKey: 'k' }))).toBe('IDEMPOTENCY_KEY_REUSED');
    const busy = createRegisterUser({
      repository: storeThat(async () => ({ status: 'key-in-flight' })).store,
    });
    expect(await codeOf(busy(body, { ...context, idempotencyKey: 'k' }))).toBe('IDEMPOTENCY_KEY_IN_USE');
  });
});

describe('registerUser when the answer to its INSERT was lost', () => {
  const lost = userServiceError('OUTCOME_UNKNOWN', 'answer lost', { retriable: true });
  const interrupted = userServiceError('WRITE_INTERRUPTED', 'session ended', { retriable: true });

  it('answers 201 with the registration when the lookup finds it committed', async () => {
    const { store, state } = storeThat(async (user) => {
      state.stored = user;
      throw lost;
    });
    const { user, replayed } = await createRegisterUser({ repository: store, lostAnswer: fast })(
      body,
      context,
    );
    expect(user).toBe(state.stored);
    expect(replayed).toBe(false);
  });

  it('keeps looking until the deadline, for a write that commits late', async () => {
    const { store, state } = storeThat(async (user) => {
      setTimeout(() => {
        state.stored = user;
      }, 60);
      throw lost;
    });
    const { user } = await createRegisterUser({ repository: store, lostAnswer: fast })(body, context);
    expect(user).toBe(state.stored);
    expect(state.lookups).toBeGreaterThan(1);
  });

  it('answers OUTCOME_UNKNOWN, never a plain failure, when it cannot find it', async () => {
    const { store } = storeThat(async () => {
      throw lost;
    });
    const error = await createRegisterUser({ repository: store, lostAnswer: fast })(body, context).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'OUTCOME_UNKNOWN', retriable: true });
    expect((error as Error).message).toMatch(/GET \/users\/[0-9a-f-]{36} shows whether it was stored/);
  });

  it('answers OUTCOME_UNKNOWN when the lookups fail too', async () => {
    const { store } = storeThat(async () => {
      throw interrupted;
    });
    store.findById = async () => {
      throw userServiceError('DATABASE_UNAVAILABLE', 'down', { retriable: true });
    };
    expect(await codeOf(createRegisterUser({ repository: store, lostAnswer: fast })(body, context))).toBe(
      'OUTCOME_UNKNOWN',
    );
  });

  it('answers that nothing was written when the session ended and the lookup finds nothing', async () => {
    const { store, state } = storeThat(async () => {
      throw interrupted;
    });
    expect(await codeOf(createRegisterUser({ repository: store, lostAnswer: fast })(body, context))).toBe(
      'DATABASE_UNAVAILABLE',
    );
    expect(state.lookups).toBe(1);
  });

  it('reports how each lost answer was settled', async () => {
    const outcomes: string[] = [];
    const onLostAnswer = (outcome: string) => outcomes.push(outcome);
    const found = storeThat(async (user) => {
      found.state.stored = user;
      throw lost;
    });
    await createRegisterUser({ repository: found.store, lostAnswer: fast, onLostAnswer })(body, context);
    for (const error of [interrupted, lost]) {
      const { store } = storeThat(async () => {
        throw error;
      });
      await createRegisterUser({ repository: store, lostAnswer: fast, onLostAnswer })(body, context).catch(
        () => undefined,
      );
    }
    expect(outcomes).toEqual(['stored', 'not-written', 'unknown']);
  });

  it('answers with whichever registration holds its key, and tells the client to retry with it otherwise', async () => {
    const found = storeThat(async () => {
      found.state.storedKey = { fingerprint, user: earlier };
      throw lost;
    });
    expect(
      await createRegisterUser({ repository: found.store, lostAnswer: fast })(body, {
        ...context,
        idempotencyKey: 'k',
      }),
    ).toEqual({
      user: earlier,
      replayed: true,
    });

    const missing = storeThat(async () => {
      throw lost;
    });
    const error = await createRegisterUser({ repository: missing.store, lostAnswer: fast })(body, {
      ...context,
      idempotencyKey: 'k',
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'OUTCOME_UNKNOWN' });
    expect((error as Error).message).toContain('Retry with the same Idempotency-Key');
  });
});
