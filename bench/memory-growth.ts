/** One reading of a process's resident set size. */
export interface RssSample {
  /** Milliseconds since sampling started. */
  atMs: number;
  bytes: number;
}

export interface MemoryGrowth {
  /** Mean RSS over the first `windowMs` of samples. */
  firstBytes: number;
  /** Mean RSS over the last `windowMs` of samples. */
  lastBytes: number;
  /** lastBytes / firstBytes: 1.1 means 10 % growth. */
  growth: number;
  /**
   * lastBytes over the mean of the window that ends halfway: near 1 when the growth was a warm-up that has
   * settled, as high as `growth` when memory keeps climbing.
   */
  secondHalfGrowth: number;
  peakBytes: number;
}

const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

/** Mean RSS of the first and last `windowMs` of a run, their ratio, and the peak. */
export function memoryGrowth(samples: readonly RssSample[], windowMs: number): MemoryGrowth {
  if (samples.length === 0) throw new Error('no RSS samples: the process was never sampled');
  const start = samples[0]?.atMs as number;
  const end = samples[samples.length - 1]?.atMs as number;
  if (end - start < 2 * windowMs)
    throw new Error(`samples cover ${end - start} ms, less than two ${windowMs} ms windows`);
  const first = samples.filter((s) => s.atMs <= start + windowMs).map((s) => s.bytes);
  const last = samples.filter((s) => s.atMs >= end - windowMs).map((s) => s.bytes);
  const half = (start + end) / 2;
  const middle = samples.filter((s) => s.atMs > half - windowMs && s.atMs <= half).map((s) => s.bytes);
  const [firstBytes, lastBytes] = [mean(first), mean(last)];
  return {
    firstBytes,
    lastBytes,
    growth: lastBytes / firstBytes,
    secondHalfGrowth: lastBytes / mean(middle),
    peakBytes: Math.max(...samples.map((s) => s.bytes)),
  };
}

/** VmRSS from the text of /proc/<pid>/status, in bytes. */
export function parseVmRss(status: string): number {
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  if (!match) throw new Error('no VmRSS line in /proc/<pid>/status');
  return Number(match[1]) * 1024;
}

/** The value of an unlabelled gauge in Prometheus text (prom-client's `nodejs_heap_size_used_bytes`). */
export function parseGauge(metrics: string, name: string): number {
  const match = new RegExp(`^${name} ([0-9.e+]+)$`, 'm').exec(metrics);
  if (!match) throw new Error(`no ${name} in the metrics`);
  return Number(match[1]);
}
