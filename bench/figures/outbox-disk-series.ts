import { linearSlope } from '../stats.ts';

/** One reading of the outbox during the run. */
export interface DiskSample {
  /** Milliseconds since the load started. */
  atMs: number;
  bytes: number;
  /** Events written so far (users registered: one event each). */
  events: number;
}

/** A partition drop as the samples see it: the outbox shrank between two readings. */
export interface Drop {
  atMs: number;
  bytesBefore: number;
  bytesAfter: number;
}

export interface MinuteRow {
  /** 1 for the first minute of the run. */
  minute: number;
  events: number;
  peakBytes: number;
  endBytes: number;
}

export interface DiskTrend {
  eventsPerMinute: number;
  /** How fast the outbox grew before anything was dropped: what the events cost on disk. */
  writtenBytesPerMinute: number;
  /** Growth of the outbox after each drop, per minute, across the drops; ~0 when flat. NaN with < 2 drops. */
  steadyBytesPerMinute: number;
  drops: Drop[];
  minutes: MinuteRow[];
}

const MINUTE_MS = 60_000;

/** Every reading after which the outbox was smaller: only a partition drop makes an append-only table shrink. */
export function findDrops(samples: readonly DiskSample[]): Drop[] {
  return samples.slice(1).flatMap((sample, i) => {
    const previous = samples[i] as DiskSample;
    return sample.bytes < previous.bytes
      ? [{ atMs: sample.atMs, bytesBefore: previous.bytes, bytesAfter: sample.bytes }]
      : [];
  });
}

/** The run cut into minutes from its start: events written in each, the outbox's peak and its size at the end. */
export function perMinute(samples: readonly DiskSample[]): MinuteRow[] {
  const rows = new Map<number, MinuteRow>();
  let eventsBefore = samples[0]?.events ?? 0;
  for (const { atMs, bytes, events } of samples) {
    const minute = Math.floor(atMs / MINUTE_MS) + 1;
    const row = rows.get(minute) ?? { minute, events: 0, peakBytes: 0, endBytes: 0 };
    row.events += events - eventsBefore;
    row.peakBytes = Math.max(row.peakBytes, bytes);
    row.endBytes = bytes;
    rows.set(minute, row);
    eventsBefore = events;
  }
  return [...rows.values()];
}

/**
 * Bytes per minute against events per minute: the write rate on disk before retention started, and the growth
 * from one drop's trough to the next after it (the sawtooth of whole partitions: a flat outbox returns to the
 * same size after every drop).
 */
export function diskTrend(samples: readonly DiskSample[]): DiskTrend {
  const drops = findDrops(samples);
  const firstDropAt = drops[0]?.atMs ?? Number.POSITIVE_INFINITY;
  const beforeRetention = samples.filter((s) => s.atMs < firstDropAt);
  const perMs = (points: Array<{ x: number; y: number }>) => linearSlope(points) * MINUTE_MS;
  const first = samples[0];
  const last = samples[samples.length - 1];
  const spanMs = first && last ? last.atMs - first.atMs : 0;
  return {
    eventsPerMinute:
      first && last && spanMs > 0 ? ((last.events - first.events) * MINUTE_MS) / spanMs : Number.NaN,
    writtenBytesPerMinute: perMs(beforeRetention.map((s) => ({ x: s.atMs, y: s.bytes }))),
    steadyBytesPerMinute: perMs(drops.map((d) => ({ x: d.atMs, y: d.bytesAfter }))),
    drops,
    minutes: perMinute(samples),
  };
}
