import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSerde, type UserRegister } from '@events/contracts';
import { migrate } from '@events/service-platform/postgres';
import { pino } from 'pino';
import { describe, expect, it, onTestFinished } from 'vitest';
import { MIGRATIONS_DIR, useTestDatabase } from './helpers/database.ts';

const logger = pino({ level: 'silent' });

describe('migrate', () => {
  it('applies the SQL migrations once into the schema, even when two instances start together', async () => {
    const db = await useTestDatabase({ migrated: false });

    const runs = await Promise.all([
      migrate({ pool: db.pool, dir: MIGRATIONS_DIR, logger }),
      migrate({ pool: db.pool, dir: MIGRATIONS_DIR, logger }),
    ]);

    expect(runs.flat()).toEqual([
      '001_users-and-outbox',
      '002_outbox-payload-as-contract-json',
      '003_outbox-published-index',
      '004_outbox-notify-from-relays',
      '005_idempotency-keys',
      '006_outbox-append-only',
    ]);
    const { rows } = await db.pool.query<{ table_name: string }>(
      'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name',
      [db.schema],
    );
    expect(rows.map((row) => row.table_name)).toEqual([
      'idempotency_keys',
      'outbox',
      'outbox_before_006',
      'outbox_checkpoint',
      'outbox_parked',
      'pgmigrations',
      'users',
    ]);
    expect(await migrate({ pool: db.pool, dir: MIGRATIONS_DIR, logger })).toEqual([]);
  });

  it('converts events still pending in the earlier JSON shape into the contract JSON form', async () => {
    const db = await useTestDatabase({ migrated: false });
    const firstOnly = mkdtempSync(join(tmpdir(), 'user-service-migrations-'));
    onTestFinished(() => rmSync(firstOnly, { recursive: true, force: true }));
    copyFileSync(
      join(MIGRATIONS_DIR, '001_users-and-outbox.sql'),
      join(firstOnly, '001_users-and-outbox.sql'),
    );
    await migrate({ pool: db.pool, dir: firstOnly, logger });
    const event: UserRegister = {
      userId: randomUUID(),
      email: 'ada@example.com',
      username: 'ada',
      registeredAt: new Date('2025-01-02T03:04:05.678Z'),
      displayName: 'Ada 🚀',
    };
    // As the previous release wrote them: dates as ISO text, the union not wrapped.
    const earlier = (value: UserRegister) => ({ ...value, registeredAt: value.registeredAt.toISOString() });
    for (const value of [event, { ...event, userId: randomUUID(), displayName: null }]) {
      await db.pool.query(
        "INSERT INTO outbox (id, aggregate_id, topic, payload) VALUES ($1, $2, 'user_register', $3)",
        [randomUUID(), value.userId, earlier(value)],
      );
    }

    await migrate({ pool: db.pool, dir: MIGRATIONS_DIR, logger });

    const serde = createSerde({ registry: { url: 'http://127.0.0.1:4/unused' } });
    const { rows } = await db.pool.query<{ payload: string }>('SELECT payload FROM outbox ORDER BY payload');
    const events = rows.map((row) => ({ ...serde.fromJSON('user_register', row.payload) }));
    expect(events).toEqual(
      expect.arrayContaining([event, { ...event, userId: expect.any(String), displayName: null }]),
    );
    expect(events).toHaveLength(2);
  });
});
