import { describe, expect, it } from 'vitest';
import { createBackoff } from './backoff.ts';

describe('createBackoff', () => {
  it('doubles per consecutive failure up to the cap, per key, and starts over after a reset', () => {
    const backoff = createBackoff({ initialMs: 100, maxMs: 1_000, random: () => 1 });
    expect([1, 2, 3, 4, 5].map(() => backoff.next('p0'))).toEqual([100, 200, 400, 800, 1_000]);
    expect(backoff.next('p1')).toBe(100);
    backoff.reset('p0');
    expect(backoff.next('p0')).toBe(100);
  });

  it('jitters within the upper half of the current ceiling', () => {
    const backoff = createBackoff({ initialMs: 100, maxMs: 1_000, random: () => 0 });
    expect(backoff.next('p')).toBe(50);
    expect(backoff.next('p')).toBe(100);
  });
});
