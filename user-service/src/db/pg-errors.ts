import { UserServiceError } from '../errors.ts';

interface PgErrorLike {
  code?: unknown;
  constraint?: unknown;
  message?: unknown;
}

const CONNECTION_ERRNOS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

export function uniqueViolationConstraint(error: unknown): string | undefined {
  const pgError = error as PgErrorLike | null;
  return pgError?.code === '23505' && typeof pgError.constraint === 'string' ? pgError.constraint : undefined;
}

/** Connection-level failures (server down, restarting, pool timeout) are worth retrying; query bugs are not. */
export function isConnectionFailure(error: unknown): boolean {
  const { code, message } = (error ?? {}) as PgErrorLike;
  if (
    typeof code === 'string' &&
    (code.startsWith('08') || code.startsWith('57P') || CONNECTION_ERRNOS.has(code))
  ) {
    return true;
  }
  return (
    typeof message === 'string' &&
    /timeout exceeded when trying to connect|Connection terminated/i.test(message)
  );
}

export function toDatabaseError(error: unknown): unknown {
  return isConnectionFailure(error)
    ? new UserServiceError('DATABASE_UNAVAILABLE', 'The database is unavailable.', {
        retriable: true,
        cause: error,
      })
    : error;
}
