import { randomUUID } from 'node:crypto';
import type { PoolClient } from '@events/service-platform/postgres';
import { describe, expect, it } from 'vitest';
import { beginAndClaimPending, claimPending } from '../src/messaging/outbox/outbox-repository.ts';
import { useTestDatabase } from './helpers/database.ts';

interface PlanNode {
  'Node Type': string;
  Plans?: PlanNode[];
}

const nodeTypes = (node: PlanNode): string[] => [node['Node Type'], ...(node.Plans ?? []).flatMap(nodeTypes)];

/** The node types of the claim's plan as `client`'s current transaction would run it. */
async function claimPlan(client: PoolClient): Promise<string[]> {
  const { rows } = await client.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
    `EXPLAIN (FORMAT JSON) ${claimPending(10)}`,
  );
  return nodeTypes((rows[0] as { 'QUERY PLAN': [{ Plan: PlanNode }] })['QUERY PLAN'][0].Plan);
}

describe('claiming pending outbox rows after a burst', () => {
  it('scans the pending index in order, where the planner alone would pick a bitmap scan over every published entry', async () => {
    const db = await useTestDatabase();
    // No autovacuum or autoanalyze in the middle of the test: the state below is what a burst leaves behind.
    await db.pool.query('ALTER TABLE outbox SET (autovacuum_enabled = false)');
    await db.pool.query(
      `INSERT INTO outbox (id, aggregate_id, topic, payload)
       SELECT gen_random_uuid(), gen_random_uuid(), 'user_register', repeat('x', 200)
       FROM generate_series(1, 40000)`,
    );
    // Published, but their entries stay in the partial pending index until VACUUM.
    await db.pool.query('UPDATE outbox SET published_at = now()');
    const pending = randomUUID();
    await db.pool.query(
      `INSERT INTO outbox (id, aggregate_id, topic, payload) VALUES ($1, $2, 'user_register', '{}')`,
      [pending, randomUUID()],
    );

    const client = await db.pool.connect();
    try {
      await client.query('BEGIN');
      expect(await claimPlan(client)).toContain('Bitmap Heap Scan');
      await client.query('ROLLBACK');

      const claimed = await beginAndClaimPending(client, 10);
      expect(claimed.map((row) => row.id)).toEqual([pending]);
      const plan = await claimPlan(client);
      expect(plan).toContain('Index Scan');
      expect(plan).not.toContain('Bitmap Heap Scan');
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
  });
});
