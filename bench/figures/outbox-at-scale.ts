import { topics } from '@events/contracts';
import type { RunContext } from '@events/harness/run-context';
import pg from 'pg';
import type { BenchOptions } from '../bench-options.ts';
import { type Figure, ratioOf } from '../figure.ts';
import { migrateUserDb } from '../peers/service-parts.ts';
import { summarize } from '../stats.ts';
import { formatLatencies } from './e2e-latency.ts';
import { measureWithWarmUp } from './load-test.ts';
import { describeSize, type OutboxSize, outboxSize } from './outbox-size.ts';
import { startPipeline } from './pipelines.ts';
import { registerAtRate } from './register-at-rate.ts';

const TARGET_RATIO = 0.9;
/** Older than any sensible retention: they land in migration 006's partition, dropped once it expires. */
const PUBLISHED_AGE = '7 days';

/** Migrates user-service's schema ahead of the service, then writes `count` events the relay is past. */
async function fillPublishedOutbox(databaseUrl: string, count: number): Promise<void> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  try {
    await migrateUserDb(pool);
    await pool.query(
      `INSERT INTO outbox (id, aggregate_id, topic, payload, headers, created_at)
       SELECT gen_random_uuid(), u.id, $2, jsonb_build_object(
                'userId', u.id, 'email', 'filler.' || i || '@example.com', 'username', 'filler_' || i,
                'registeredAt', to_char(u.at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'displayName', NULL),
              '{"traceparent": "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"}',
              u.at
       FROM generate_series(1, $1::int) AS i,
            LATERAL (SELECT gen_random_uuid() AS id, now() - $3::interval AS at) AS u`,
      [count, topics.user_register.topic, PUBLISHED_AGE],
    );
    await pool.query(
      'UPDATE outbox_checkpoint SET (xact_id, position) = (SELECT xact_id, position FROM outbox ORDER BY 1 DESC, 2 DESC LIMIT 1)',
    );
    await pool.query('ANALYZE outbox');
    // Write the filler's 400 MB back now: otherwise the checkpoint it forces runs during the measurement.
    await pool.query('CHECKPOINT');
  } finally {
    await pool.end();
  }
}

interface Variant {
  okPerSecond: number;
  p50: number;
  latency: string;
  before: OutboxSize;
  after: OutboxSize;
}

/** Our pipeline on fresh databases, with `prefilled` published rows in the outbox: max HTTP rate, then e2e. */
async function measureVariant(ctx: RunContext, prefilled: number, options: BenchOptions['outboxAtScale']) {
  const tag = prefilled > 0 ? 'outbox-full' : 'outbox-empty';
  if (prefilled > 0) ctx.log(`writing ${prefilled} published outbox rows`);
  const pipeline = await startPipeline(
    ctx,
    'ours',
    tag,
    prefilled > 0 ? { beforeStart: (url) => fillPublishedOutbox(url, prefilled) } : {},
  );
  const { watcher } = pipeline;
  try {
    const before = await outboxSize(pipeline.userDbUrl);
    let index = 0;
    // Tags of equal length keep usernames unique between the runs (and short: at most 30 characters).
    const [httpTag, e2eTag] = prefilled > 0 ? ['hf', 'ef'] : ['he', 'ee'];
    const bodies = { runId: `${ctx.runId}${httpTag}`, next: () => index++ };
    ctx.log(`${tag}: HTTP at max for ${options.http.durationS} s, then ${options.e2e.ratePerSecond}/s e2e`);
    const http = await measureWithWarmUp(tag, pipeline.baseUrl, bodies, options.http);
    const e2e = await registerAtRate(ctx, watcher, {
      baseUrl: pipeline.baseUrl,
      ratePerSecond: options.e2e.ratePerSecond,
      seconds: options.e2e.durationS,
      tag: e2eTag,
    });
    const latency = summarize(e2e.fromAck);
    return {
      okPerSecond: http.okPerSecond,
      p50: latency.p50,
      latency: formatLatencies(latency),
      before,
      after: await outboxSize(pipeline.userDbUrl),
    } satisfies Variant;
  } finally {
    await pipeline.close();
  }
}

/**
 * HTTP throughput and e2e p50 with many relayed events already in the outbox against an empty outbox: the
 * relay reads after its checkpoint through (xact_id, position), so what lies behind must cost nothing. The
 * outbox never shrinks row by row: whole partitions go once past OUTBOX_RETENTION_MINUTES (the pre-filled
 * events' partition is migration 006's, which expires 10 minutes after the migration plus the retention).
 */
export async function outboxAtScaleFigure(
  ctx: RunContext,
  options: BenchOptions['outboxAtScale'],
): Promise<Figure> {
  const empty = await measureVariant(ctx, 0, options);
  const full = await measureVariant(ctx, options.publishedRows, options);
  const latencyRatio = ratioOf(empty.p50, full.p50);
  const registered = (v: Variant) => v.after.users - v.before.users;
  // Nothing per row: the run adds exactly its registrations, and nothing is rewritten.
  const appendOnly = full.after.rows === full.before.rows + registered(full);
  return {
    id: 'outbox-at-scale',
    title: `HTTP with ${options.publishedRows / 1000}k relayed events in the outbox`,
    unit: 'req/s',
    ours: full.okPerSecond,
    baseline: empty.okPerSecond,
    ratio: ratioOf(full.okPerSecond, empty.okPerSecond),
    target: `≥ ${TARGET_RATIO}× empty outbox (HTTP and e2e p50)`,
    met: full.okPerSecond >= TARGET_RATIO * empty.okPerSecond && latencyRatio >= TARGET_RATIO && appendOnly,
    details: {
      measured: `autocannon ${options.http.connections} connections for ${options.http.durationS} s, then ${options.e2e.ratePerSecond}/s for ${options.e2e.durationS} s (201 → profile visible); pre-filled events were written ${PUBLISHED_AGE} before the run, the checkpoint past them`,
      'e2e p50 / p90 / p99 / max (ms), empty outbox': empty.latency,
      [`e2e p50 / p90 / p99 / max (ms), ${options.publishedRows} relayed events`]: full.latency,
      'e2e p50 empty / pre-filled': latencyRatio,
      'outbox before → after the run, empty start': `${describeSize(empty.before)} → ${describeSize(empty.after)} (${registered(empty)} registrations)`,
      'outbox before → after the run, pre-filled': `${describeSize(full.before)} → ${describeSize(full.after)} (${registered(full)} registrations)`,
      'rows added = registrations (append-only)': appendOnly ? 'yes' : 'no',
    },
  };
}
