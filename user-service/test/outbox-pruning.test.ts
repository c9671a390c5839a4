import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createRetentionPruner } from '../src/data-access/retention-pruner.ts';
import { deletePublishedBefore } from '../src/messaging/outbox/outbox-repository.ts';
import { type TestDatabase, useTestDatabase } from './helpers/database.ts';

/** One outbox row per state: published `publishedMinutesAgo` ago, or pending / parked when null. */
async function insertRow(
  db: TestDatabase,
  state: { publishedMinutesAgo: number } | 'pending' | 'parked',
): Promise<string> {
  const id = randomUUID();
  const publishedAgo = typeof state === 'object' ? state.publishedMinutesAgo : null;
  await db.pool.query(
    `INSERT INTO outbox (id, aggregate_id, topic, payload, published_at, failed_at)
     VALUES ($1, $2, 'user_register', '{}',
             CASE WHEN $3::int IS NULL THEN NULL ELSE now() - make_interval(mins => $3::int) END,
             CASE WHEN $4 THEN now() END)`,
    [id, randomUUID(), publishedAgo, state === 'parked'],
  );
  return id;
}

async function remainingIds(db: TestDatabase): Promise<string[]> {
  const { rows } = await db.pool.query<{ id: string }>('SELECT id FROM outbox ORDER BY id');
  return rows.map((row) => row.id);
}

describe('outbox pruning', () => {
  it('deletes only rows published longer ago than the retention, oldest first, at most a batch at a time', async () => {
    const db = await useTestDatabase();
    await insertRow(db, { publishedMinutesAgo: 300 });
    const old = await insertRow(db, { publishedMinutesAgo: 120 });
    const recent = await insertRow(db, { publishedMinutesAgo: 5 });
    const pending = await insertRow(db, 'pending');
    const parked = await insertRow(db, 'parked');

    expect(await deletePublishedBefore(db.pool, { retentionMinutes: 60, limit: 1 })).toBe(1);
    expect(await remainingIds(db)).toEqual([old, recent, pending, parked].sort());
    expect(await deletePublishedBefore(db.pool, { retentionMinutes: 60, limit: 10 })).toBe(1);
    expect(await remainingIds(db)).toEqual([recent, pending, parked].sort());
  });

  it('keeps pruning in the background until stopped', async () => {
    const db = await useTestDatabase();
    for (let i = 0; i < 5; i += 1) await insertRow(db, { publishedMinutesAgo: 90 });
    const kept = await insertRow(db, 'pending');
    const pruner = createRetentionPruner({
      logger: pino({ level: 'silent' }),
      intervalMs: 20,
      tasks: [
        { name: 'outbox', prune: () => deletePublishedBefore(db.pool, { retentionMinutes: 60, limit: 2 }) },
      ],
    });
    pruner.start();
    await expect.poll(() => remainingIds(db), { timeout: 5_000 }).toEqual([kept]);
    await pruner.stop();
  });
});
