/**
 * What a statement that failed after it was sent may have done:
 * - `refused`: the server answered it with an error, so its transaction rolled back: nothing was written;
 * - `session-ended`: the server ended the session (a FATAL: the backend was terminated, the server is shutting
 *   down). The statement may have committed just before, but can no longer commit after;
 * - `unknown`: the answer was lost (the connection dropped, the client stopped waiting): the server may have
 *   committed it, or may still commit it. A timeout is not a failure.
 */
export type StatementFailure = 'refused' | 'session-ended' | 'unknown';

// Server-side shutdown or termination, and connection exceptions: they end the session.
const SESSION_ENDING_SQLSTATE = /^(57P0|08)/;

export function statementFailure(error: unknown): StatementFailure {
  const { severity, code } = (error ?? {}) as { severity?: unknown; code?: unknown };
  // Only the server's answers carry a severity; network errors and pg's own timeouts do not.
  if (typeof severity !== 'string') return 'unknown';
  // The severity is localized (lc_messages); the SQLSTATE is not.
  if (severity === 'FATAL' || severity === 'PANIC') return 'session-ended';
  if (typeof code === 'string' && SESSION_ENDING_SQLSTATE.test(code)) return 'session-ended';
  return 'refused';
}
