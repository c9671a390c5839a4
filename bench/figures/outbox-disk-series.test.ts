import { describe, expect, it } from 'vitest';
import { type DiskSample, diskTrend, findDrops, perMinute } from './outbox-disk-series.ts';

const MB = 1024 * 1024;

/** 10 s readings at 100 events/s, 1 MB a minute written, a 1 MB partition dropped every minute from minute 2. */
function sawtooth(minutes: number, { leakPerMinute = 0 } = {}): DiskSample[] {
  return Array.from({ length: minutes * 6 + 1 }, (_, i) => {
    const atMs = i * 10_000;
    const dropped = Math.max(0, Math.floor(atMs / 60_000) - 1);
    return {
      atMs,
      bytes: (atMs / 60_000) * MB - dropped * (MB - leakPerMinute),
      events: (atMs / 1000) * 100,
    };
  });
}

describe('findDrops', () => {
  it('finds each reading at which the outbox shrank', () => {
    const drops = findDrops(sawtooth(4));
    expect(drops.map((d) => d.atMs)).toEqual([120_000, 180_000, 240_000]);
    expect(drops[0]?.bytesBefore).toBeGreaterThan(drops[0]?.bytesAfter as number);
  });
});

describe('perMinute', () => {
  it('counts the events written in each minute and the peak and end size of the outbox', () => {
    const rows = perMinute(sawtooth(3));
    expect(rows.map((r) => r.minute)).toEqual([1, 2, 3, 4]);
    expect(rows[1]?.events).toBe(6000);
    expect(rows[1]?.peakBytes).toBeCloseTo((11 / 6) * MB);
  });
});

describe('diskTrend', () => {
  it('reads a sawtooth that returns to the same size after every drop as flat', () => {
    const trend = diskTrend(sawtooth(10));
    expect(trend.writtenBytesPerMinute).toBeCloseTo(MB);
    expect(trend.steadyBytesPerMinute).toBeCloseTo(0);
    expect(trend.eventsPerMinute).toBeCloseTo(6000);
    expect(trend.drops).toHaveLength(9);
  });

  it('sees what each drop leaves behind as growth', () => {
    expect(diskTrend(sawtooth(10, { leakPerMinute: 1000 })).steadyBytesPerMinute).toBeCloseTo(1000);
  });

  it('has no steady growth to report before two drops', () => {
    expect(diskTrend(sawtooth(2)).steadyBytesPerMinute).toBeNaN();
  });
});
