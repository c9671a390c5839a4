import { describe, expect, it } from 'vitest';
import { failoverFigures, lag, type ProgressSample } from './failover-figures.ts';

const sample = (at: number, written: number[], committed: number[], startedAt = at): ProgressSample => ({
  startedAt,
  at,
  written: new Map(written.map((offset, partition) => [partition, offset])),
  committed: new Map(committed.map((offset, partition) => [partition, offset])),
});

describe('failoverFigures', () => {
  const samples = [
    sample(0, [10, 10], [9, 8]),
    sample(500, [12, 11], [12, 11]),
    // the fault at 1000: nothing moves until the partitions' new leaders take writes
    sample(1500, [12, 11], [12, 11]),
    sample(9000, [15, 11], [12, 11]),
    sample(11000, [20, 14], [14, 11]),
    sample(13000, [22, 16], [22, 12]),
    sample(14000, [23, 17], [23, 17]),
  ];
  const fault = { faultAt: 1000, reference: samples[1]! };

  it('counts only what moved past the look right before the fault', () => {
    expect(failoverFigures(samples, fault)).toEqual({
      consumptionResumedMs: 10_000,
      everyPartitionConsumedMs: 12_000,
      lagNormalMs: 13_000,
      lagBefore: 3,
      maxLag: 9,
      publishResumedMs: 8_000,
      everyPartitionWrittenMs: 10_000,
    });
  });

  it('takes the normal lag from the last seconds before the fault', () => {
    const early = sample(-10_000, [100, 100], [0, 0]);
    expect(failoverFigures([early, ...samples], fault).lagBefore).toBe(3);
  });

  it('leaves out a look that began before the fault and ended after it', () => {
    const straddling = sample(1200, [13, 12], [13, 12], 900);
    expect(failoverFigures([...samples.slice(0, 2), straddling, ...samples.slice(2)], fault)).toEqual(
      failoverFigures(samples, fault),
    );
  });

  it('sees writes land while the group has no coordinator to read its commits from', () => {
    const partial = samples.map((s) =>
      s.at === 9000 || s.at === 11000 ? { ...s, committed: undefined } : s,
    );
    expect(failoverFigures(partial, fault)).toMatchObject({
      consumptionResumedMs: 12_000,
      publishResumedMs: 8_000,
      everyPartitionWrittenMs: 10_000,
      maxLag: 4,
    });
  });

  it('reports what never happened as undefined', () => {
    const figures = failoverFigures(samples.slice(0, 4), fault);
    expect(figures.consumptionResumedMs).toBeUndefined();
    expect(figures.lagNormalMs).toBeUndefined();
    expect(figures.everyPartitionWrittenMs).toBeUndefined();
  });

  it('counts a partition without a commit as lagging from offset 0', () => {
    expect(lag(sample(0, [5, 7], [-1, 7]))).toBe(5);
  });
});
