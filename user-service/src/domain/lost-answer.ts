import { setTimeout as sleep } from 'node:timers/promises';
import { isServiceError } from '@events/service-platform/errors';
import { backoffDelay, withDeadline } from '@events/service-platform/lifecycle';
import { userServiceError } from '../errors.ts';
import { type IdempotencyKey, replay } from './idempotency.ts';
import type { Registration, User } from './user.ts';
import type { UserRepository } from './user-repository-port.ts';

/** How a lost answer was settled: found stored, known not written, or still unknown (answered 503). */
export type LostAnswerOutcome = 'stored' | 'not-written' | 'unknown';

export interface LostAnswerOptions {
  /** How long to keep looking before answering that the outcome is unknown. */
  deadlineMs: number;
  /** First pause between two lookups; it doubles up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
}

const DEFAULTS: LostAnswerOptions = { deadlineMs: 3_000, baseDelayMs: 100, maxDelayMs: 1_000 };

/**
 * A registration whose INSERT was sent but whose answer was lost (a timeout, a dropped connection) may have
 * committed: a "failed, try again" would send the client into a 409 for its own account. Its id (and key)
 * were chosen before the INSERT, so look it up, a few times until the deadline:
 * - found: it happened; answer as the INSERT would have (201);
 * - not found after the session running it ended (WRITE_INTERRUPTED): it never will; nothing was written;
 * - otherwise: OUTCOME_UNKNOWN, which tells the client how to learn the outcome. Never a plain failure.
 */
export async function findLostRegistration(
  deps: {
    repository: Pick<UserRepository, 'findById' | 'findByIdempotencyKey'>;
    /** Counts them: how often answers are lost, and how often the lookup settles them. */
    onLostAnswer?: (outcome: LostAnswerOutcome) => void;
  },
  lost: { user: User; key: IdempotencyKey | undefined; lost: unknown },
  options: LostAnswerOptions = DEFAULTS,
): Promise<Registration> {
  const { user, key } = lost;
  const interrupted = isServiceError(lost.lost, 'WRITE_INTERRUPTED');
  const lookUp = async (): Promise<Registration | undefined> => {
    if (!key) {
      const found = await deps.repository.findById(user.id);
      return found && { user: found, replayed: false };
    }
    // Whichever request with this key was stored, this one or an earlier one, is the answer.
    const previous = await deps.repository.findByIdempotencyKey(key.key);
    return previous && { ...replay(previous, key), replayed: previous.user.id !== user.id };
  };
  const deadline = Date.now() + options.deadlineMs;
  let lastError: unknown = lost.lost;
  for (let attempt = 1; ; attempt += 1) {
    let looked = false;
    try {
      const found = await withDeadline(lookUp(), Math.max(1, deadline - Date.now()), 'registration lookup');
      if (found) {
        deps.onLostAnswer?.('stored');
        return found;
      }
      looked = true;
    } catch (error) {
      if (isServiceError(error, 'IDEMPOTENCY_KEY_REUSED')) throw error;
      lastError = error;
    }
    if (looked && interrupted) {
      deps.onLostAnswer?.('not-written');
      throw userServiceError('DATABASE_UNAVAILABLE', 'The database ended the session; nothing was written.', {
        retriable: true,
        cause: lost.lost,
      });
    }
    const pause = backoffDelay(attempt, { baseMs: options.baseDelayMs, maxMs: options.maxDelayMs });
    if (Date.now() + pause >= deadline) break;
    await sleep(pause);
  }
  deps.onLostAnswer?.('unknown');
  throw outcomeUnknown(user, key, lastError);
}

function outcomeUnknown(user: User, key: IdempotencyKey | undefined, cause: unknown) {
  const learn = key
    ? 'Retry with the same Idempotency-Key and body to learn the outcome.'
    : `GET /users/${user.id} shows whether it was stored (it may appear a little later); a retry without an Idempotency-Key may be refused as a conflict with this very registration.`;
  return userServiceError(
    'OUTCOME_UNKNOWN',
    `The registration was sent to the database but its answer was lost: it may have been stored. ${learn}`,
    { retriable: true, cause },
  );
}
