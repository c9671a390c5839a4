/** A selection that names nothing the DLQ topic holds, or contradicts itself. */
export class ReplayUsageError extends Error {
  override name = 'ReplayUsageError';
}

export interface ReplaySelection {
  /** Undefined: every partition of the DLQ topic. */
  partition?: number;
  range: { kind: 'all' } | { kind: 'offset'; offset: bigint } | { kind: 'range'; from?: bigint; to?: bigint };
  dryRun: boolean;
  /** Overrides the configured DLQ topic. */
  topic?: string;
}

export interface PartitionOffsets {
  partition: number;
  /** First offset still stored. */
  low: bigint;
  /** Offset the next message will get. */
  high: bigint;
}

/** Offsets [start, end) to replay from one DLQ partition. */
export interface ReplayRange {
  partition: number;
  start: bigint;
  end: bigint;
}

/** Turns the user's selection into concrete ranges, clamped to what the topic still holds. */
export function planReplay(
  partitions: readonly PartitionOffsets[],
  selection: ReplaySelection,
): ReplayRange[] {
  const chosen =
    selection.partition === undefined
      ? partitions
      : partitions.filter((p) => p.partition === selection.partition);
  if (chosen.length === 0)
    throw new ReplayUsageError(`the DLQ topic has no partition ${selection.partition}`);
  if (selection.range.kind === 'offset' && chosen.length > 1) {
    throw new ReplayUsageError('--offset needs --partition: the DLQ topic has several partitions');
  }
  const { range } = selection;
  return chosen
    .map(({ partition, low, high }) => {
      const [wantedStart, wantedEnd] =
        range.kind === 'all'
          ? [low, high]
          : range.kind === 'offset'
            ? [range.offset, range.offset + 1n]
            : [range.from ?? low, range.to === undefined ? high : range.to + 1n];
      const start = wantedStart > low ? wantedStart : low;
      const end = wantedEnd < high ? wantedEnd : high;
      return { partition, start, end };
    })
    .filter((r) => r.start < r.end);
}
