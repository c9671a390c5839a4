import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RunContext } from '@events/harness/run-context';
import type { ServiceProcess } from '@events/harness/service-process';
import type { BenchOptions } from '../bench-options.ts';
import { type Figure, ratioOf } from '../figure.ts';
import { type MemoryGrowth, memoryGrowth, parseGauge, parseVmRss, type RssSample } from '../memory-growth.ts';
import { startPipeline } from './pipelines.ts';
import { registerAtRate } from './register-at-rate.ts';

const TARGET_GROWTH = 1.1;
const SAMPLE_EVERY_MS = 500;
const MB = 1024 * 1024;

/** Reads the process's VmRSS every 500 ms until stopped. */
function sampleRss(service: ServiceProcess) {
  const pid = service.pid;
  if (pid === undefined) throw new Error(`${service.spec.name} is not running`);
  const samples: RssSample[] = [];
  const started = performance.now();
  const read = () =>
    readFile(`/proc/${pid}/status`, 'utf8').then(
      (status) => samples.push({ atMs: performance.now() - started, bytes: parseVmRss(status) }),
      () => undefined,
    );
  void read();
  const timer = setInterval(read, SAMPLE_EVERY_MS);
  return {
    stop(): RssSample[] {
      clearInterval(timer);
      return samples;
    },
  };
}

/** V8's used heap as the service reports it on /metrics: tells a leak from a heap V8 just has not collected. */
async function heapUsed(service: ServiceProcess): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${service.spec.port}/metrics`);
  if (!response.ok) throw new Error(`${service.spec.name} /metrics answered ${response.status}`);
  return parseGauge(await response.text(), 'nodejs_heap_size_used_bytes');
}

const mb = (bytes: number) => (bytes / MB).toFixed(1);
const percent = (ratio: number) => `${((ratio - 1) * 100).toFixed(1)} %`;
const describeGrowth = (g: MemoryGrowth) =>
  `${mb(g.firstBytes)} → ${mb(g.lastBytes)} MB (${percent(g.growth)}; over the second half ${percent(g.secondHalfGrowth)}), peak ${mb(g.peakBytes)} MB`;

/**
 * RSS of user-service and profile-service (read from /proc every 500 ms) while registrations flow through both
 * at a fixed rate; growth is the mean of the last window over the mean of the first. The figure is the service
 * that grew most. Registrations are capped at 100 in flight, so a rate the services cannot sustain shows as
 * a lower achieved rate, which the details report.
 */
export async function memoryUnderLoadFigure(
  ctx: RunContext,
  options: BenchOptions['memory'],
): Promise<Figure> {
  const pipeline = await startPipeline(ctx, 'ours', 'memory');
  const { watcher } = pipeline;
  try {
    const sides = [pipeline.producerSide, pipeline.consumerSide];
    const samplers = sides.map(sampleRss);
    ctx.log(`memory: ${options.ratePerSecond}/s for ${options.durationS} s`);
    const firstHeaps = sleep(options.windowS * 1000).then(() => Promise.all(sides.map(heapUsed)));
    // Awaited after the run; until then a failed scrape must not count as an unhandled rejection.
    firstHeaps.catch(() => undefined);
    const run = await registerAtRate(ctx, watcher, {
      baseUrl: pipeline.baseUrl,
      ratePerSecond: options.ratePerSecond,
      seconds: options.durationS,
      tag: 'm',
    });
    const growths = samplers.map((sampler) => memoryGrowth(sampler.stop(), options.windowS * 1000));
    const [before, after] = [await firstHeaps, await Promise.all(sides.map(heapUsed))];
    const worst = growths.reduce((a, b) => (b.growth > a.growth ? b : a));
    const details: Figure['details'] = {
      measured: `VmRSS every ${SAMPLE_EVERY_MS} ms; mean of the first ${options.windowS} s vs the last ${options.windowS} s of ${options.durationS} s of registrations`,
      'rate asked / achieved (registrations/s)': `${options.ratePerSecond} / ${run.achievedPerSecond.toFixed(0)}`,
    };
    sides.forEach((side, i) => {
      details[side.spec.name] = describeGrowth(growths[i] as MemoryGrowth);
      details[`${side.spec.name} V8 heap used after ${options.windowS} s → at the end (MB)`] =
        `${mb(before[i] as number)} → ${mb(after[i] as number)}`;
    });
    return {
      id: 'memory-under-load',
      title: `RSS growth @ ${options.ratePerSecond}/s`,
      unit: 'MB',
      ours: worst.lastBytes / MB,
      baseline: worst.firstBytes / MB,
      ratio: ratioOf(worst.lastBytes, worst.firstBytes),
      target: `≤ ${TARGET_GROWTH}× (first → last ${options.windowS} s), each service`,
      met: growths.every((g) => g.growth <= TARGET_GROWTH),
      details,
    };
  } finally {
    await pipeline.close();
  }
}
