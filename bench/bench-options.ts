import { parseArgs } from 'node:util';
import { type FigureId, figureIds } from './figure.ts';

export interface BenchOptions {
  quick: boolean;
  only: readonly FigureId[];
  /** Run the services under --cpu-prof and summarize where their time went. */
  profile: boolean;
  outDir: string | undefined;
  serde: { rounds: number; roundMs: number; warmupOps: number };
  http: { connections: number; durationS: number };
  e2e: { ratePerSecond: number; durationS: number };
  catchUp: { sizes: readonly number[] };
  scaleOut: { events: number };
  memory: { ratePerSecond: number; durationS: number; windowS: number };
  outage: { ratePerSecond: number; beforeS: number; outageS: number };
  outboxAtScale: {
    publishedRows: number;
    http: BenchOptions['http'];
    e2e: BenchOptions['e2e'];
  };
  outboxDisk: { ratePerSecond: number; minutes: number };
  relayTakeover: { ratePerSecond: number; repetitions: number };
  /** Catalog sizes `schemas:check` is timed on, each with its limit above Node's start-up. */
  schemasCheck: { sizes: Array<{ subjects: number; versions: number; limitMs: number }>; runs: number };
}

const usage = `Usage: npm run bench -- [--quick] [--only serde,http-register,...] [--profile] [--out <dir>]
                      [--memory-seconds <n>] [--outbox-disk-minutes <n>]

Measures each figure against its baseline in the same run on the local stack (npm run stack:up),
prints a table and writes bench/results/latest.json, a dated copy and e2e-latency.svg.
--quick   small sizes to prove the harness works (results go to a temp dir unless --out is given)
--profile run the services with --cpu-prof and print their hottest functions
--memory-seconds  how long memory-under-load runs (default 60): a longer run tells growth that keeps going
                  from a heap that settles
--outbox-disk-minutes  how long outbox-disk registers at 200/s (default 10, issue 28's soak; 3.5 with --quick):
                  retention starts after about 2 minutes`;

export function parseBenchOptions(argv: readonly string[]): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      profile: { type: 'boolean', default: false },
      out: { type: 'string' },
      'memory-seconds': { type: 'string' },
      'outbox-disk-minutes': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const only = values.only?.split(',').map((id) => id.trim()) ?? [...figureIds];
  const unknown = only.filter((id) => !figureIds.includes(id as FigureId));
  if (unknown.length > 0)
    throw new Error(`unknown figure(s) ${unknown.join(', ')}; use ${figureIds.join(', ')}`);
  const quick = values.quick;
  const memoryArg = values['memory-seconds'];
  const memorySeconds = memoryArg === undefined ? (quick ? 8 : 60) : Number(memoryArg);
  // Both 10 s windows must fit, apart.
  if (memoryArg !== undefined && !(Number.isInteger(memorySeconds) && memorySeconds >= 30))
    throw new Error(`--memory-seconds takes a whole number of seconds ≥ 30, got ${memoryArg}`);
  const diskArg = values['outbox-disk-minutes'];
  const diskMinutes = diskArg === undefined ? (quick ? 3.5 : 10) : Number(diskArg);
  // Two partition drops (about 2 and 3 minutes in) are the least that shows a trend.
  if (!(diskMinutes >= 3.5)) throw new Error(`--outbox-disk-minutes takes minutes ≥ 3.5, got ${diskArg}`);
  const http = quick ? { connections: 16, durationS: 3 } : { connections: 32, durationS: 10 };
  const e2e = quick ? { ratePerSecond: 50, durationS: 4 } : { ratePerSecond: 200, durationS: 15 };
  return {
    quick,
    only: figureIds.filter((id) => only.includes(id)),
    profile: values.profile,
    outDir: values.out,
    serde: quick
      ? { rounds: 3, roundMs: 100, warmupOps: 5_000 }
      : { rounds: 7, roundMs: 400, warmupOps: 50_000 },
    http,
    e2e,
    catchUp: { sizes: quick ? [5_000] : [10_000, 100_000, 1_000_000] },
    scaleOut: { events: quick ? 5_000 : 100_000 },
    memory: {
      ...(quick ? { ratePerSecond: 100, windowS: 2 } : { ratePerSecond: 500, windowS: 10 }),
      durationS: memorySeconds,
    },
    outage: quick
      ? { ratePerSecond: 50, beforeS: 2, outageS: 5 }
      : { ratePerSecond: 100, beforeS: 5, outageS: 15 },
    outboxAtScale: { publishedRows: quick ? 20_000 : 1_000_000, http, e2e },
    outboxDisk: { ratePerSecond: 200, minutes: diskMinutes },
    relayTakeover: { ratePerSecond: 200, repetitions: quick ? 2 : 5 },
    schemasCheck: {
      sizes: [
        { subjects: 50, versions: 10, limitMs: 300 },
        { subjects: 500, versions: 10, limitMs: 2000 },
      ],
      runs: quick ? 2 : 5,
    },
  };
}
