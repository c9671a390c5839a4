/** Every figure, in the order a run measures them. */
export const figureIds = [
  'serde',
  'schemas-check',
  'http-register',
  'tracing-overhead',
  'e2e-latency',
  'consumer-catch-up',
  'memory-under-load',
  'outbox-at-scale',
  'outbox-disk',
  'relay-takeover',
  'outage-recovery',
  'consumer-scale-out',
] as const;
export type FigureId = (typeof figureIds)[number];

/** One line of the report: our number, the limit it is compared with (same run), and the verdict. */
export interface Figure {
  id: FigureId;
  title: string;
  unit: string;
  ours: number;
  baseline: number;
  /** ours / baseline. */
  ratio: number;
  /** The target, in words. */
  target: string;
  met: boolean;
  /** Secondary measurements behind the verdict (other baselines, percentiles, what exactly was timed). */
  details: Record<string, number | string>;
}

export interface BenchReport {
  machine: { cpus: number; cpuModel: string; node: string; date: string; mode: 'full' | 'quick' };
  figures: Figure[];
  /** Figures that could not be measured, with the reason. */
  failures: Array<{ id: FigureId; error: string }>;
}

export function ratioOf(ours: number, baseline: number): number {
  return baseline > 0 ? ours / baseline : Number.NaN;
}
/** What a figure hands back: its line of the report and any picture (file name → content) to write beside it. */
export interface FigureOutcome {
  figure: Figure;
  pictures?: Record<string, string>;
}
