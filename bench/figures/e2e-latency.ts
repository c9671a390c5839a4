import type { RunContext } from '@events/harness/run-context';
import type { BenchOptions } from '../bench-options.ts';
import { type FigureOutcome, ratioOf } from '../figure.ts';
import { latencyHistogramSvg } from '../latency-histogram-svg.ts';
import { type LatencySummary, summarize } from '../stats.ts';
import { medianStages, readStageTimes, type StageMedians } from './e2e-stages.ts';
import { startPipeline } from './pipelines.ts';
import { inEachMessage, rawKafkaLatency } from './raw-kafka-latency.ts';
import { registerAtRate, type Samples } from './register-at-rate.ts';
import { upsertSink } from './upsert-sink.ts';

/** Issue 23: ours against the produce → consume → upsert floor, and against the dual-write peer. */
const TARGET_FLOOR_RATIO = 1.2;
const TARGET_PEER_RATIO = 1.1;
const TARGET_P99_MS = 25;

/** One pipeline at a fixed rate: a warm-up, then the measured run (201 → profile visible). */
async function measurePipeline(
  ctx: RunContext,
  kind: 'ours' | 'dual-write',
  { ratePerSecond, warmUpS, durationS }: { ratePerSecond: number; warmUpS: number; durationS: number },
): Promise<{ samples: Samples; stages?: StageMedians }> {
  const pipeline = await startPipeline(ctx, kind, kind === 'ours' ? 'e2e' : 'e2e-dual');
  const { watcher } = pipeline;
  try {
    ctx.log(`${kind}: warm-up ${warmUpS} s, then ${ratePerSecond}/s for ${durationS} s`);
    const run = { baseUrl: pipeline.baseUrl, ratePerSecond };
    await registerAtRate(ctx, watcher, { ...run, seconds: warmUpS, tag: `${kind[0]}w` });
    const samples = await registerAtRate(ctx, watcher, { ...run, seconds: durationS, tag: `${kind[0]}e` });
    if (kind === 'dual-write') return { samples };
    return { samples, stages: medianStages(await readStageTimes(pipeline.userDbUrl, pipeline.profileDbUrl)) };
  } finally {
    await pipeline.close();
  }
}

export const formatLatencies = (s: LatencySummary) =>
  `${s.p50.toFixed(1)} / ${s.p90.toFixed(1)} / ${s.p99.toFixed(1)} / ${s.max.toFixed(1)} (n=${s.count})`;

/**
 * Registrations at a fixed rate through both services (HTTP 201 → profile visible in profile-service's DB),
 * against the physical floor of that path at the same rate: kafkajs produce (acks -1) → consume → the same
 * upsert committed into a profiles database, seen by the same trigger. Beside them raw kafkajs produce →
 * consume, and the dual-write peer (INSERT + JSON send in the request → JSON consumer with the same upsert).
 */
export async function e2eLatencyFigure(
  ctx: RunContext,
  options: BenchOptions['e2e'],
): Promise<FigureOutcome> {
  const run = { ...options, warmUpS: Math.max(1, Math.round(options.durationS / 5)) };
  const { samples: ours, stages } = await measurePipeline(ctx, 'ours', run);
  const { samples: dualWrite } = await measurePipeline(ctx, 'dual-write', run);
  ctx.log(`raw kafkajs: ${options.ratePerSecond}/s for ${options.durationS} s`);
  const raw = await rawKafkaLatency(ctx, run, { tag: 'raw-latency', sink: inEachMessage });
  ctx.log(`floor (produce → consume → upsert): ${options.ratePerSecond}/s for ${options.durationS} s`);
  const floor = await rawKafkaLatency(ctx, run, { tag: 'floor-latency', sink: await upsertSink(ctx) });

  const [a, f, r] = [summarize(ours.fromAck), summarize(floor), summarize(raw)];
  const [oursSent, peerSent] = [summarize(ours.fromRequest), summarize(dualWrite.fromRequest)];
  const peerRatio = ratioOf(oursSent.p50, peerSent.p50);
  return {
    figure: {
      id: 'e2e-latency',
      title: `E2E latency p50 @ ${options.ratePerSecond}/s against produce → consume → upsert`,
      unit: 'ms',
      ours: a.p50,
      baseline: f.p50,
      ratio: ratioOf(a.p50, f.p50),
      target: `p50 ≤ ${TARGET_FLOOR_RATIO}× floor and ≤ ${TARGET_PEER_RATIO}× dual-write; p99 ≤ ${TARGET_P99_MS} ms`,
      met: a.p50 <= TARGET_FLOOR_RATIO * f.p50 && peerRatio <= TARGET_PEER_RATIO && a.p99 <= TARGET_P99_MS,
      details: {
        measured:
          "ours: HTTP 201 received → profile row visible in the consumer DB (its commit, NOTIFYed by a trigger the bench adds); floor: kafkajs send() called (acks -1) → eachMessage → profile-service's upsert of that one event → row visible (same trigger); raw: send() → eachMessage. The dual-write peer sends to Kafka before its 201, so it is compared with ours on POST sent → visible",
        'ours 201→visible p50 / p90 / p99 / max (ms)': formatLatencies(a),
        'floor produce→upsert visible p50 / p90 / p99 / max (ms)': formatLatencies(f),
        'ours / floor p50': ratioOf(a.p50, f.p50),
        'ours POST sent→visible p50 / p90 / p99 / max (ms)': formatLatencies(oursSent),
        'dual-write peer POST sent→visible p50 / p90 / p99 / max (ms)': formatLatencies(peerSent),
        'ours / dual-write p50, POST sent→visible': peerRatio,
        'dual-write peer 201→visible p50 / p90 / p99 / max (ms)': formatLatencies(
          summarize(dualWrite.fromAck),
        ),
        'raw kafkajs p50 / p90 / p99 / max (ms)': formatLatencies(r),
        ...Object.fromEntries(
          Object.entries(stages ?? {}).map(([stage, ms]) => [
            `ours median ${stage} (ms, database clock)`,
            ms,
          ]),
        ),
      },
    },
    pictures: {
      'e2e-latency.svg': latencyHistogramSvg(`End-to-end latency at ${options.ratePerSecond}/s`, [
        { label: 'ours: POST sent → profile visible', color: '#d62728', samples: ours.fromRequest },
        {
          label: 'dual-write peer: POST sent → profile visible',
          color: '#2ca02c',
          samples: dualWrite.fromRequest,
        },
        { label: 'floor: produce → consume → upsert visible', color: '#9467bd', samples: floor },
        { label: 'raw kafkajs produce → consume', color: '#1f77b4', samples: raw },
      ]),
    },
  };
}
