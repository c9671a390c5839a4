import type { Queryable } from '@events/service-platform/postgres';

/** The primary key of idempotency_keys (migrations/005): a retry of a stored key violates it. */
export const IDEMPOTENCY_KEY_CONSTRAINT = 'idempotency_keys_pkey';

/**
 * Deletes up to `limit` keys stored more than `retentionMinutes` ago, oldest first (idempotency_keys_created_idx):
 * a retry after that is a new request. The registrations they point to stay. Returns how many were deleted.
 */
export async function deleteExpiredKeys(
  db: Queryable,
  { retentionMinutes, limit }: { retentionMinutes: number; limit: number },
): Promise<number> {
  const { rowCount } = await db.query(
    `DELETE FROM idempotency_keys WHERE key IN (
       SELECT key FROM idempotency_keys
       WHERE created_at < now() - make_interval(mins => $1)
       ORDER BY created_at
       LIMIT $2
     )`,
    [retentionMinutes, limit],
  );
  return rowCount ?? 0;
}
