const BASELINE_MS = 3_000;

type Offsets = ReadonlyMap<number, number>;

/**
 * One look at a topic and a consumer group: each partition's high watermark and the group's committed offset,
 * either missing when it could not be read (the group's offsets need a live coordinator).
 */
export interface ProgressSample {
  /** When the look began and when its answers were all in. */
  startedAt: number;
  at: number;
  written: Offsets | undefined;
  committed: Offsets | undefined;
}

/** Milliseconds after the fault; undefined when it never happened within the samples. */
export interface FailoverFigures {
  /** A message written after the fault was consumed and its offset committed, on some partition. */
  consumptionResumedMs: number | undefined;
  /** The same on every partition. */
  everyPartitionConsumedMs: number | undefined;
  /** Once every partition consumes again, the group's lag is back to its highest level just before the fault. */
  lagNormalMs: number | undefined;
  lagBefore: number;
  maxLag: number;
  /** A message was written after the fault, on some partition; then on every partition. */
  publishResumedMs: number | undefined;
  everyPartitionWrittenMs: number | undefined;
}

/**
 * What a fault at `faultAt` did to producing and consuming, from samples taken every few hundred ms. "After the
 * fault" means beyond what `atFault` saw written, a look taken right before the fault (commits first), so
 * nothing acknowledged before the fault counts: a dead coordinator commits nothing, and a commit only moves past
 * that point through its successor.
 */
export function failoverFigures(
  samples: readonly ProgressSample[],
  { faultAt, reference }: { faultAt: number; reference: ProgressSample },
): FailoverFigures {
  const ordered = [...samples].sort((a, b) => a.at - b.at);
  const before = ordered.filter((s) => s.at < faultAt && complete(s));
  // A look that began before the fault may have read before it, whenever it ended.
  const after = ordered.filter((s) => s.startedAt >= faultAt);
  if (!reference.written) throw new Error('the look before the fault has no high watermarks');
  const atFault = reference.written;
  const partitions = [...atFault.keys()];
  const beyond = (offsets: Offsets | undefined, partition: number) =>
    offsets !== undefined && (offsets.get(partition) ?? -1) > (atFault.get(partition) ?? 0);
  const firstWhen = (check: (s: ProgressSample) => boolean) => {
    const found = after.find(check);
    return found ? found.at - faultAt : undefined;
  };
  const everyPartitionConsumedMs = firstWhen((s) => partitions.every((p) => beyond(s.committed, p)));
  // The steady state just before, not the catch-up after the members joined.
  const lagBefore = Math.max(...before.filter((s) => s.at >= faultAt - BASELINE_MS).map(lag), lag(reference));
  return {
    consumptionResumedMs: firstWhen((s) => partitions.some((p) => beyond(s.committed, p))),
    everyPartitionConsumedMs,
    // Not earlier: a partition nothing was written to yet lags by nothing.
    lagNormalMs:
      everyPartitionConsumedMs === undefined
        ? undefined
        : firstWhen((s) => s.at - faultAt >= everyPartitionConsumedMs && complete(s) && lag(s) <= lagBefore),
    lagBefore,
    maxLag: Math.max(...after.filter(complete).map(lag), lagBefore),
    publishResumedMs: firstWhen((s) => partitions.some((p) => beyond(s.written, p))),
    everyPartitionWrittenMs: firstWhen((s) => partitions.every((p) => beyond(s.written, p))),
  };
}

const complete = (s: ProgressSample) => s.written !== undefined && s.committed !== undefined;

/** Messages written but not yet committed by the group, over all partitions (no commit yet counts from 0). */
export function lag(sample: ProgressSample): number {
  let total = 0;
  for (const [partition, written] of sample.written ?? [])
    total += Math.max(0, written - Math.max(0, sample.committed?.get(partition) ?? 0));
  return total;
}
