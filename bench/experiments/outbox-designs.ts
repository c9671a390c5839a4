/**
 * One-off comparison behind issue 23's choice (its figures are in user-service/README.md): three outbox designs
 * on the same scratch PostgreSQL (wal_level=logical, autovacuum off as on this machine's server) and the stack's
 * Kafka, each relay publishing the stored bytes as they are (no Avro: the designs differ in PostgreSQL, not in
 * encoding). Per design: registrations/s with 16 writers, then 200/s for a while measuring commit → Kafka ack,
 * WAL bytes and outbox bytes per event. Only the append-only design is in the service.
 *
 *   node bench/experiments/outbox-designs.ts [--seconds 20]
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { scratchPostgres } from '@events/harness/scratch-postgres';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';

const { values } = parseArgs({
  options: { seconds: { type: 'string', default: '20' }, only: { type: 'string' } },
});
const RATE_SECONDS = Number(values.seconds);
const THROUGHPUT_SECONDS = 8;
const WRITERS = 16;
const BATCH = 100;

const USERS = `CREATE TABLE users (id uuid PRIMARY KEY, email text NOT NULL UNIQUE, username text NOT NULL UNIQUE,
  registered_at timestamptz NOT NULL)`;
const USER_VALUES = '($1, $2, $3, now())';
const payloadOf = (id: string) =>
  JSON.stringify({ userId: id, email: `${id}@example.com`, username: id, pad: 'x'.repeat(120) });

interface Design {
  name: string;
  schema: string[];
  /** One statement: the user and its event. Parameters $1 id, $2 email, $3 username, $4 payload. */
  write: string;
  /** Reads up to BATCH events in the order it publishes them; `done` runs after Kafka acknowledged them. */
  relay(
    client: pg.Client,
  ): Promise<{ events: Array<{ id: string; payload: string }>; done: () => Promise<void> }>;
  /** Relations whose size is the outbox's. */
  sizeSql: string;
}

const claimAndMark: Design = {
  name: 'claim-and-mark (today)',
  schema: [
    `CREATE TABLE outbox (id uuid PRIMARY KEY, aggregate_id uuid NOT NULL, payload text NOT NULL,
       created_at timestamptz NOT NULL DEFAULT clock_timestamp(), published_at timestamptz)`,
    'CREATE INDEX outbox_pending_idx ON outbox (created_at, id) WHERE published_at IS NULL',
  ],
  write: `WITH u AS (INSERT INTO users VALUES ${USER_VALUES} RETURNING id)
    INSERT INTO outbox (id, aggregate_id, payload) SELECT gen_random_uuid(), id, $4 FROM u`,
  async relay(client) {
    await client.query('BEGIN; SET LOCAL enable_bitmapscan = off');
    const { rows } = await client.query<{ id: string; payload: string }>(
      `SELECT id, payload FROM outbox WHERE published_at IS NULL ORDER BY created_at, id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
    );
    return {
      events: rows,
      done: async () => {
        await client.query('UPDATE outbox SET published_at = now() WHERE id = ANY($1::uuid[])', [
          rows.map((r) => r.id),
        ]);
        await client.query('COMMIT');
      },
    };
  },
  sizeSql: "pg_total_relation_size('outbox')",
};

const appendOnly: Design = {
  name: 'append-only, xmin horizon (chosen)',
  schema: [
    'CREATE SEQUENCE outbox_position_seq',
    `CREATE TABLE outbox (xact_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
       position bigint NOT NULL DEFAULT nextval('outbox_position_seq'), id uuid NOT NULL, aggregate_id uuid NOT NULL,
       payload text NOT NULL, created_at timestamptz NOT NULL DEFAULT clock_timestamp()) PARTITION BY RANGE (created_at)`,
    'CREATE INDEX outbox_order_idx ON outbox (xact_id, position)',
    "CREATE TABLE outbox_now PARTITION OF outbox FOR VALUES FROM (now() - interval '1 day') TO (now() + interval '1 day')",
    'CREATE TABLE outbox_checkpoint (singleton boolean PRIMARY KEY DEFAULT true, xact_id xid8 NOT NULL, position bigint NOT NULL) WITH (fillfactor = 20)',
    "INSERT INTO outbox_checkpoint VALUES (true, '0', 0)",
  ],
  write: `WITH u AS (INSERT INTO users VALUES ${USER_VALUES} RETURNING id)
    INSERT INTO outbox (id, aggregate_id, payload) SELECT gen_random_uuid(), id, $4 FROM u`,
  async relay(client) {
    const { rows: cp } = await client.query<{ x: string; p: string }>(
      'SELECT xact_id::text AS x, position::text AS p FROM outbox_checkpoint',
    );
    const { rows } = await client.query<{
      id: string;
      payload: string;
      x: string;
      p: string;
      settled: boolean;
    }>(
      `SELECT id, payload, xact_id::text AS x, position::text AS p,
              xact_id < pg_snapshot_xmin(pg_current_snapshot()) AS settled
       FROM outbox WHERE (xact_id, position) > ($1::xid8, $2::bigint) ORDER BY xact_id, position LIMIT ${BATCH}`,
      [cp[0]?.x, cp[0]?.p],
    );
    const firstUnsettled = rows.findIndex((r) => !r.settled);
    const settled = firstUnsettled === -1 ? rows : rows.slice(0, firstUnsettled);
    const last = settled.at(-1);
    return {
      events: settled,
      done: async () => {
        if (last)
          await client.query('UPDATE outbox_checkpoint SET xact_id = $1::xid8, position = $2::bigint', [
            last.x,
            last.p,
          ]);
      },
    };
  },
  sizeSql:
    "(SELECT sum(pg_total_relation_size(c)) FROM unnest(ARRAY['outbox_now','outbox_checkpoint']::regclass[]) c)",
};

const logicalDecoding: Design = {
  name: 'logical decoding (pg_logical_emit_message)',
  schema: ["SELECT pg_create_logical_replication_slot('outbox', 'test_decoding')"],
  write: `WITH u AS (INSERT INTO users VALUES ${USER_VALUES} RETURNING id)
    SELECT pg_logical_emit_message(true, 'outbox', $4::text) FROM u`,
  async relay(client) {
    const { rows } = await client.query<{ lsn: string; data: string }>(
      `SELECT lsn::text, data FROM pg_logical_slot_peek_changes('outbox', NULL, ${BATCH})`,
    );
    const events = rows
      .filter((r) => r.data.startsWith('message:'))
      .map((r) => ({ id: r.lsn, payload: r.data.slice(r.data.indexOf('content:') + 8) }));
    const last = rows.at(-1);
    return {
      events,
      done: async () => {
        if (last) await client.query(`SELECT pg_replication_slot_advance('outbox', $1::pg_lsn)`, [last.lsn]);
      },
    };
  },
  sizeSql: '0',
};

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;

async function measure(design: Design, baseUrl: string, kafka: Kafka, topic: string) {
  const db = `outbox_${design.name.split(' ')[0]?.replace(/\W/g, '_')}`;
  const admin = new pg.Client({ connectionString: `${baseUrl}/postgres` });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${db}`);
  await admin.query(`CREATE DATABASE ${db}`);
  await admin.end();
  const url = `${baseUrl}/${db}`;
  const setup = new pg.Client({ connectionString: url });
  await setup.connect();
  for (const sql of [USERS, ...design.schema]) await setup.query(sql);

  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  // The relay may see an event before its writer has its answer: whichever side comes second records the latency.
  const committedAt = new Map<string, number>();
  const ackedAt = new Map<string, number>();
  const latencies: number[] = [];
  let relayed = 0;
  let stop = false;
  let wake: (() => void) | undefined;
  const relayClient = new pg.Client({ connectionString: url });
  await relayClient.connect();
  const relayLoop = (async () => {
    while (!stop) {
      const { events, done } = await design.relay(relayClient);
      if (events.length > 0) {
        await producer.send({
          topic,
          acks: -1,
          messages: events.map((e) => ({ key: e.id, value: e.payload })),
        });
        const acked = performance.now();
        for (const e of events) {
          const id = JSON.parse(e.payload).userId as string;
          const at = committedAt.get(id);
          if (at !== undefined) latencies.push(acked - at);
          else ackedAt.set(id, acked);
        }
        relayed += events.length;
      }
      await done();
      if (events.length < BATCH)
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, events.length === 0 ? 50 : 2);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
    }
  })();

  const writers = await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      return c;
    }),
  );
  const register = async (c: pg.Client, timed: boolean) => {
    const id = randomUUID();
    await c.query({ name: 'w', text: design.write, values: [id, `${id}@example.com`, id, payloadOf(id)] });
    const now = performance.now();
    const acked = ackedAt.get(id);
    if (timed && acked !== undefined) latencies.push(Math.max(0, acked - now));
    else if (timed) committedAt.set(id, now);
    wake?.();
  };

  // Throughput: every writer as fast as it can.
  let written = 0;
  const until = performance.now() + THROUGHPUT_SECONDS * 1000;
  await Promise.all(
    writers.map(async (c) => {
      while (performance.now() < until) {
        await register(c, false);
        written += 1;
      }
    }),
  );
  const perSecond = written / THROUGHPUT_SECONDS;
  while (relayed < written) await new Promise((r) => setTimeout(r, 100));

  // Latency and bytes at 200/s.
  const stat = async () => {
    const { rows } = await setup.query<{ wal: string; size: string }>(
      `SELECT pg_current_wal_lsn()::text AS wal, (${design.sizeSql})::bigint::text AS size`,
    );
    return rows[0] as { wal: string; size: string };
  };
  const before = await stat();
  const rateCount = RATE_SECONDS * 200;
  const start = performance.now();
  const inFlight: Array<Promise<void>> = [];
  for (let i = 0; i < rateCount; i += 1) {
    const due = start + (i * 1000) / 200;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const c = writers[i % WRITERS] as pg.Client;
    inFlight.push(register(c, true));
  }
  await Promise.all(inFlight);
  while (latencies.length < rateCount) await new Promise((r) => setTimeout(r, 50));
  const after = await stat();
  const { rows: wal } = await setup.query<{ bytes: string }>(
    'SELECT ($1::pg_lsn - $2::pg_lsn)::text AS bytes',
    [after.wal, before.wal],
  );
  stop = true;
  wake?.();
  await relayLoop;
  const { rows: dead } = await setup.query<{ n: string }>(
    "SELECT coalesce(sum(n_dead_tup), 0)::text AS n FROM pg_stat_user_tables WHERE relname LIKE 'outbox%'",
  );
  await Promise.all([...writers, relayClient, setup].map((c) => c.end()));
  await producer.disconnect();
  const sorted = latencies.sort((a, b) => a - b);
  return {
    design: design.name,
    'registrations/s (16 writers)': Math.round(perSecond),
    'commit → Kafka ack p50 / p99 / max at 200/s (ms)': [0.5, 0.99, 1]
      .map((p) => percentile(sorted, p).toFixed(2))
      .join(' / '),
    'WAL bytes / event': Math.round(Number(wal[0]?.bytes) / rateCount),
    'outbox bytes / event': Math.round((Number(after.size) - Number(before.size)) / rateCount),
    'dead tuples after the run': Number(dead[0]?.n),
  };
}

const postgres = scratchPostgres();
await postgres.start();
const setupAdmin = new pg.Client({ connectionString: `${postgres.baseUrl}/postgres` });
await setupAdmin.connect();
await setupAdmin.query('ALTER SYSTEM SET wal_level = logical');
await setupAdmin.query('ALTER SYSTEM SET autovacuum = off');
await setupAdmin.end();
await postgres.restart();
const kafka = new Kafka({
  clientId: 'outbox-designs',
  brokers: ['127.0.0.1:9092'],
  logLevel: logLevel.NOTHING,
});
const topic = `outbox-designs.${randomUUID().slice(0, 8)}`;
const kafkaAdmin = kafka.admin();
await kafkaAdmin.connect();
await kafkaAdmin.createTopics({
  topics: [{ topic, numPartitions: 6, replicationFactor: 1 }],
  waitForLeaders: true,
});
try {
  const designs = [claimAndMark, appendOnly, logicalDecoding];
  for (const design of designs.filter((d) => values.only === undefined || d.name.startsWith(values.only))) {
    console.error(`measuring ${design.name}`);
    console.log(JSON.stringify(await measure(design, postgres.baseUrl, kafka, topic)));
  }
} finally {
  await kafkaAdmin.deleteTopics({ topics: [topic] }).catch(() => undefined);
  await kafkaAdmin.disconnect();
  await postgres.close();
}
