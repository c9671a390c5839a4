import { setTimeout as sleep } from 'node:timers/promises';
import { runAtRate } from '../../harness/rate-limiter.ts';
import { registration } from '../../harness/registrations.ts';
import {
  createTopics,
  deleteTopics,
  dropDatabase,
  type RunContext,
  recreateDatabase,
} from '../../harness/run-context.ts';
import type { BenchOptions } from '../bench-options.ts';
import { ports, profileService, stopAll, userService } from '../bench-services.ts';
import { type FigureOutcome, ratioOf } from '../figure.ts';
import { latencyHistogramSvg } from '../latency-histogram-svg.ts';
import { summarize } from '../stats.ts';
import { watchProfiles } from './profile-watcher.ts';
import { rawKafkaLatency } from './raw-kafka-latency.ts';

const TARGET_P50_RATIO = 2;
const TARGET_P99_MS = 50;
const SETTLE_MS = 30_000;

interface Samples {
  /** 201 received → profile visible. */
  fromAck: number[];
  /** POST sent → profile visible. */
  fromRequest: number[];
  failed: number;
}

async function registerAtRate(
  ctx: RunContext,
  watcher: ReturnType<typeof watchProfiles>,
  { ratePerSecond, seconds, tag }: { ratePerSecond: number; seconds: number; tag: string },
): Promise<Samples> {
  const samples: Samples = { fromAck: [], fromRequest: [], failed: 0 };
  const visible: Promise<void>[] = [];
  const ends = Date.now() + seconds * 1000;
  await runAtRate(
    { ratePerSecond, maxInFlight: 100, shouldStop: () => Date.now() >= ends },
    async (index) => {
      const sentAt = performance.now();
      const response = await fetch(`http://127.0.0.1:${ports.userService}/users`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(registration(`${ctx.runId}${tag}`, index)),
      });
      const ackAt = performance.now();
      if (response.status !== 201) {
        samples.failed += 1;
        await response.arrayBuffer();
        return;
      }
      const { id } = (await response.json()) as { id: string };
      visible.push(
        watcher.seen(id).then((seenAt) => {
          samples.fromAck.push(seenAt - ackAt);
          samples.fromRequest.push(seenAt - sentAt);
        }),
      );
    },
  );
  // Unreferenced: a pending timeout must not keep the process alive once the run is over.
  const settled = await Promise.race([
    Promise.all(visible).then(() => true),
    sleep(SETTLE_MS, undefined, { ref: false }).then(() => false),
  ]);
  if (!settled)
    throw new Error(
      `${watcher.missing} acknowledged registrations had no profile after ${SETTLE_MS / 1000} s`,
    );
  if (samples.failed > 0) throw new Error(`${samples.failed} registrations were not answered with 201`);
  return samples;
}

/**
 * Registrations at a fixed rate through both services (HTTP 201 → profile visible in profile-service's DB),
 * against raw kafkajs produce → consume on the same broker at the same rate.
 */
export async function e2eLatencyFigure(
  ctx: RunContext,
  options: BenchOptions['e2e'],
): Promise<FigureOutcome> {
  const topic = `bench.user_register.${ctx.runId}.e2e`;
  const [userDb, profileDb] = ['user_service_bench', 'profile_service_bench'];
  const warmUpS = Math.max(1, Math.round(options.durationS / 5));
  await createTopics(ctx, [topic, `${topic}.dlq`]);
  const [userUrl, profileUrl] = [await recreateDatabase(ctx, userDb), await recreateDatabase(ctx, profileDb)];
  const users = userService(ctx, { databaseUrl: userUrl, topic });
  const profiles = profileService(ctx, { databaseUrl: profileUrl, topic, group: `bench-${ctx.runId}-e2e` });
  let watcher: ReturnType<typeof watchProfiles> | undefined;
  let ours: Samples;
  try {
    await Promise.all([users.start(), profiles.start()]);
    await Promise.all([users.waitFor('/readyz'), profiles.waitFor('/readyz')]);
    watcher = watchProfiles(profileUrl);
    ctx.log(`e2e: warm-up ${warmUpS} s, then ${options.ratePerSecond}/s for ${options.durationS} s`);
    await registerAtRate(ctx, watcher, { ratePerSecond: options.ratePerSecond, seconds: warmUpS, tag: 'w' });
    ours = await registerAtRate(ctx, watcher, {
      ratePerSecond: options.ratePerSecond,
      seconds: options.durationS,
      tag: 'e',
    });
  } finally {
    await watcher?.close();
    await stopAll([users, profiles]);
    await Promise.all([dropDatabase(ctx, userDb), dropDatabase(ctx, profileDb)]).catch(() => undefined);
    await deleteTopics(ctx, [topic, `${topic}.dlq`]).catch(() => undefined);
  }
  ctx.log(`raw kafkajs: ${options.ratePerSecond}/s for ${options.durationS} s`);
  const raw = await rawKafkaLatency(ctx, {
    ratePerSecond: options.ratePerSecond,
    warmUpS,
    durationS: options.durationS,
  });

  const a = summarize(ours.fromAck);
  const r = summarize(raw);
  const q = summarize(ours.fromRequest);
  const fmt = (s: typeof a) =>
    `${s.p50.toFixed(1)} / ${s.p90.toFixed(1)} / ${s.p99.toFixed(1)} / ${s.max.toFixed(1)} (n=${s.count})`;
  return {
    figure: {
      id: 'e2e-latency',
      title: `E2E latency p50 @ ${options.ratePerSecond}/s`,
      unit: 'ms',
      ours: a.p50,
      baseline: r.p50,
      ratio: ratioOf(a.p50, r.p50),
      target: `p50 ≤ ${TARGET_P50_RATIO}× raw; p99 ≤ ${TARGET_P99_MS} ms`,
      met: a.p50 <= TARGET_P50_RATIO * r.p50 && a.p99 <= TARGET_P99_MS,
      details: {
        measured:
          'ours: HTTP 201 received → profile row visible in profile DB (polled every 2 ms); raw: kafkajs send() called (acks -1) → eachMessage',
        'ours 201→visible p50 / p90 / p99 / max (ms)': fmt(a),
        'ours POST sent→visible p50 / p90 / p99 / max (ms)': fmt(q),
        'raw kafkajs p50 / p90 / p99 / max (ms)': fmt(r),
      },
    },
    pictures: {
      'e2e-latency.svg': latencyHistogramSvg(`End-to-end latency at ${options.ratePerSecond}/s`, [
        { label: 'ours: HTTP 201 → profile visible', color: '#d62728', samples: ours.fromAck },
        { label: 'raw kafkajs produce → consume', color: '#1f77b4', samples: raw },
      ]),
    },
  };
}
