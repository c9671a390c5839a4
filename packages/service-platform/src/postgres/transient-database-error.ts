// SQLSTATEs that mean "try again later": connection (08), resources (53), shutdown/terminated (57P0x),
// conflicts (40001, 40P01, 55P03), database not accepting connections (55000), missing database/role.
const TRANSIENT_SQLSTATE = /^(08|53|57P0[1-4]|40001|40P01|55P03|55000|3D000|28000)/;
const SQLSTATE = /^[0-9A-Z]{5}$/;

/**
 * Whether a pg error may go away by itself (server down or restarting, pool timeout) rather than being
 * a refusal of the statement itself. Errors without a SQLSTATE are network errors or pg's own timeouts.
 */
export function isTransientDatabaseError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return true;
  return TRANSIENT_SQLSTATE.test(code) || !SQLSTATE.test(code);
}

/** The constraint a unique violation (23505) hit, if that is what `error` is. */
export function uniqueViolation(error: unknown): string | undefined {
  const { code, constraint } = (error ?? {}) as { code?: unknown; constraint?: unknown };
  return code === '23505' && typeof constraint === 'string' ? constraint : undefined;
}
