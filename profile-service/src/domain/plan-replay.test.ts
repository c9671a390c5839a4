import { describe, expect, it } from 'vitest';
import { planReplay, ReplayUsageError } from './plan-replay.ts';

const topic = [
  { partition: 0, low: 0n, high: 5n },
  { partition: 1, low: 3n, high: 3n },
  { partition: 2, low: 10n, high: 20n },
];

describe('planReplay', () => {
  it('replays everything still stored, skipping empty partitions', () => {
    expect(planReplay(topic, { range: { kind: 'all' }, dryRun: false })).toEqual([
      { partition: 0, start: 0n, end: 5n },
      { partition: 2, start: 10n, end: 20n },
    ]);
  });

  it('clamps an inclusive range to what the partition holds', () => {
    expect(planReplay(topic, { range: { kind: 'range', from: 4n, to: 12n }, dryRun: false })).toEqual([
      { partition: 0, start: 4n, end: 5n },
      { partition: 2, start: 10n, end: 13n },
    ]);
  });

  it('plans one message for --offset on a chosen partition', () => {
    expect(
      planReplay(topic, { partition: 2, range: { kind: 'offset', offset: 15n }, dryRun: false }),
    ).toEqual([{ partition: 2, start: 15n, end: 16n }]);
  });

  it('plans nothing for an offset that is no longer stored', () => {
    expect(planReplay(topic, { partition: 2, range: { kind: 'offset', offset: 3n }, dryRun: false })).toEqual(
      [],
    );
  });

  it('requires --partition with --offset when the topic has several partitions', () => {
    expect(() => planReplay(topic, { range: { kind: 'offset', offset: 1n }, dryRun: false })).toThrow(
      ReplayUsageError,
    );
  });

  it('rejects a partition the topic does not have', () => {
    expect(() => planReplay(topic, { partition: 9, range: { kind: 'all' }, dryRun: false })).toThrow(
      /no partition 9/,
    );
  });
});
