import type { RunContext } from '@events/harness/run-context';
import pg from 'pg';
import type { BenchOptions } from '../bench-options.ts';
import { type Figure, ratioOf } from '../figure.ts';
import { migrateUserDb } from '../peers/service-parts.ts';
import { type DiskSample, diskTrend, type MinuteRow } from './outbox-disk-series.ts';
import { outboxSize } from './outbox-size.ts';
import { startPipeline } from './pipelines.ts';
import { registerAtRate } from './register-at-rate.ts';

/** The outbox's bytes stay flat when, after retention started, it grows by less than this share of what is written. */
const TARGET_RATIO = 0.05;
const SAMPLE_EVERY_MS = 2_000;
/**
 * Retention shrunk to what a run can see: one-minute partitions, dropped a minute after their last event.
 * The service's defaults (60 / 60) work the same way on an hour's scale.
 */
const RETENTION_ENV = { OUTBOX_PARTITION_MINUTES: '1', OUTBOX_RETENTION_MINUTES: '1' };

/**
 * Migrates user-service's schema ahead of the service and narrows migration 006's first partition, which covers
 * the 10 minutes after the migration whatever OUTBOX_PARTITION_MINUTES says, to the current minute: otherwise
 * nothing could be dropped within a 10-minute run. It is empty on a fresh database.
 */
async function startOnMinutePartitions(databaseUrl: string): Promise<void> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  try {
    await migrateUserDb(pool);
    await pool.query(`DROP TABLE outbox_before_006;
      CREATE TABLE outbox_before_006 PARTITION OF outbox
        FOR VALUES FROM (MINVALUE) TO (date_trunc('minute', clock_timestamp()) + interval '1 minute')`);
  } finally {
    await pool.end();
  }
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(2);
const describeMinute = (m: MinuteRow) => `${m.minute}: ${m.events} events, peak ${mb(m.peakBytes)} MB`;

/**
 * Issue 28 §3: user-service's outbox at a steady rate for minutes, its bytes read every 2 s. Before retention
 * starts the outbox grows with every event (the baseline: bytes written per minute); once whole partitions
 * are dropped, it must return to the same size after every drop, with no VACUUM (autovacuum is off on this
 * machine's PostgreSQL).
 */
export async function outboxDiskFigure(
  ctx: RunContext,
  options: BenchOptions['outboxDisk'],
): Promise<Figure> {
  const pipeline = await startPipeline(ctx, 'ours', 'outbox-disk', {
    beforeStart: startOnMinutePartitions,
    userServiceEnv: RETENTION_ENV,
  });
  const samples: DiskSample[] = [];
  try {
    const startedAt = performance.now();
    const read = async () => {
      const size = await outboxSize(pipeline.userDbUrl);
      samples.push({ atMs: performance.now() - startedAt, bytes: size.bytes, events: size.users });
    };
    await read();
    const sampler = setInterval(
      () => void read().catch((error) => ctx.log(`outbox size: ${error}`)),
      SAMPLE_EVERY_MS,
    );
    ctx.log(
      `outbox-disk: ${options.ratePerSecond}/s for ${options.minutes} min, reading the outbox's size every 2 s`,
    );
    try {
      await registerAtRate(ctx, pipeline.watcher, {
        baseUrl: pipeline.baseUrl,
        ratePerSecond: options.ratePerSecond,
        seconds: options.minutes * 60,
        tag: 'd',
      });
    } finally {
      clearInterval(sampler);
    }
    await read();
    const end = await outboxSize(pipeline.userDbUrl);
    const trend = diskTrend(samples);
    const ratio = ratioOf(trend.steadyBytesPerMinute, trend.writtenBytesPerMinute);
    const steady = samples.filter((s) => s.atMs >= (trend.drops[0]?.atMs ?? Number.POSITIVE_INFINITY));
    return {
      id: 'outbox-disk',
      title: `Outbox growth per minute after retention started, ${options.ratePerSecond}/s for ${options.minutes} min`,
      unit: 'MB/min',
      ours: trend.steadyBytesPerMinute / 1024 / 1024,
      baseline: trend.writtenBytesPerMinute / 1024 / 1024,
      ratio,
      target: `≤ ${TARGET_RATIO}× the bytes written per minute (flat) once partitions are dropped`,
      met: trend.drops.length >= 2 && Math.abs(ratio) <= TARGET_RATIO,
      details: {
        measured: `user-service with ${Object.entries(RETENTION_ENV)
          .map(([k, v]) => `${k}=${v}`)
          .join(
            ', ',
          )} (bench only), profile-service consuming; outbox bytes = every partition with its indexes + the checkpoint table; ours = slope of the size right after each drop, baseline = slope before the first drop`,
        'events per minute': trend.eventsPerMinute,
        'bytes written per event before retention': trend.writtenBytesPerMinute / trend.eventsPerMinute,
        'retention started after (s)': (trend.drops[0]?.atMs ?? Number.NaN) / 1000,
        'partitions dropped': trend.drops.length,
        'size after each drop (MB)': trend.drops.map((d) => mb(d.bytesAfter)).join(', '),
        'peak size after retention started (MB)': mb(Math.max(...steady.map((s) => s.bytes))),
        'per minute (events, peak size)': trend.minutes.map(describeMinute).join('; '),
        'at the end': `${end.rows} rows in ${end.partitions} partitions, ${mb(end.bytes)} MB, ${end.deadTuples} dead tuples, ${end.users} users`,
      },
    };
  } finally {
    await pipeline.close();
  }
}
