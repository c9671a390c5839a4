import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { maintainOutboxPartitions } from '../src/messaging/outbox/outbox-partitions.ts';
import { type TestDatabase, useTestDatabase } from './helpers/database.ts';

async function partitions(db: TestDatabase): Promise<Array<{ name: string; bounds: string }>> {
  const { rows } = await db.pool.query<{ name: string; bounds: string }>(
    `SELECT c.relname AS name, pg_get_expr(c.relpartbound, c.oid) AS bounds
     FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
     WHERE i.inhparent = 'outbox'::regclass ORDER BY c.relname`,
  );
  return rows;
}

/** An outbox partition for an hour `hoursAgo` ago, holding one event written then; returns the event's id. */
async function pastPartitionWithEvent(db: TestDatabase, name: string, hoursAgo: number): Promise<string> {
  await db.pool.query(
    `CREATE TABLE ${name} PARTITION OF outbox
     FOR VALUES FROM (date_trunc('hour', now()) - make_interval(hours => $1))
     TO (date_trunc('hour', now()) - make_interval(hours => $1 - 1))`.replaceAll('$1', String(hoursAgo)),
  );
  const id = randomUUID();
  await db.pool.query(
    `INSERT INTO outbox (id, aggregate_id, topic, payload, created_at)
     VALUES ($1, $2, 'user_register', '{}', date_trunc('hour', now()) - make_interval(hours => $3))`,
    [id, randomUUID(), hoursAgo],
  );
  return id;
}

describe('outbox partitions', () => {
  it('creates the partitions ahead of the clock, once however often it runs', async () => {
    const db = await useTestDatabase();
    const policy = { partitionMinutes: 60, retentionMinutes: 60 };
    await maintainOutboxPartitions(db.pool, policy);
    const made = await partitions(db);
    await Promise.all([maintainOutboxPartitions(db.pool, policy), maintainOutboxPartitions(db.pool, policy)]);
    expect(await partitions(db)).toEqual(made);
    // The migration's partition, then hourly ones up to at least two hours ahead.
    expect(made.map(({ name }) => name)).toContain('outbox_before_006');
    const { rows } = await db.pool.query<{ ahead: boolean }>(
      `SELECT max((regexp_match(pg_get_expr(c.relpartbound, c.oid), 'TO \\(''([^'']+)''\\)'))[1]::timestamptz)
                >= now() + interval '2 hours' AS ahead
       FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'outbox'::regclass`,
    );
    expect(rows[0]?.ahead).toBe(true);
    // A registration now lands in a partition.
    await db.pool.query(
      "INSERT INTO outbox (id, aggregate_id, topic, payload) VALUES ($1, $2, 'user_register', '{}')",
      [randomUUID(), randomUUID()],
    );
  });

  it('drops a whole partition past the retention once the relay is past it, never one holding an event not relayed', async () => {
    const db = await useTestDatabase();
    // Stands for all of the past: empty, and too recent to go before migrations/006 + 10 minutes.
    await db.pool.query('DROP TABLE outbox_before_006');
    await pastPartitionWithEvent(db, 'outbox_old_relayed', 5);
    await pastPartitionWithEvent(db, 'outbox_old_pending', 3);
    await pastPartitionWithEvent(db, 'outbox_recent', 1);
    // The relay got as far as the first event.
    await db.pool.query(
      `UPDATE outbox_checkpoint SET (xact_id, position) = (
         SELECT xact_id, position FROM outbox_old_relayed)`,
    );

    const dropped = await maintainOutboxPartitions(db.pool, { partitionMinutes: 60, retentionMinutes: 90 });

    expect(dropped).toBe(1);
    const names = (await partitions(db)).map(({ name }) => name);
    expect(names).not.toContain('outbox_old_relayed');
    expect(names).toEqual(expect.arrayContaining(['outbox_old_pending', 'outbox_recent']));
  });

  it('never drops a partition while a transaction is still writing an event into it', async () => {
    const db = await useTestDatabase();
    await db.pool.query('DROP TABLE outbox_before_006');
    await pastPartitionWithEvent(db, 'outbox_old', 5);
    await db.pool.query(
      'UPDATE outbox_checkpoint SET (xact_id, position) = (SELECT xact_id, position FROM outbox_old)',
    );
    const policy = { partitionMinutes: 60, retentionMinutes: 600 };
    // The partitions ahead exist already, as in steady state: creating them would wait for the writer.
    await maintainOutboxPartitions(db.pool, policy);
    const writer = await db.pool.connect();
    try {
      // A late event for that hour, written but not committed when maintenance starts.
      await writer.query('BEGIN');
      await writer.query(
        `INSERT INTO outbox (id, aggregate_id, topic, payload, created_at)
         VALUES ($1, $2, 'user_register', '{}', date_trunc('hour', now()) - interval '5 hours')`,
        [randomUUID(), randomUUID()],
      );
      const maintained = maintainOutboxPartitions(db.pool, { ...policy, retentionMinutes: 90 });
      // Commits while maintenance waits for the partition (well inside its 200 ms lock_timeout).
      await sleep(50);
      await writer.query('COMMIT');
      expect(await maintained).toBe(0);
    } finally {
      writer.release();
    }
    expect(await db.count('outbox')).toBe(2);
  });
});
