import { describe, expect, it } from 'vitest';
import { backoffDelay, createBackoff } from './backoff.ts';

const low = { baseMs: 100, maxMs: 1_000, random: () => 0 };
const high = { ...low, random: () => 1 };

describe('backoffDelay', () => {
  it('doubles per attempt between half and all of the ceiling', () => {
    expect(backoffDelay(1, low)).toBe(50);
    expect(backoffDelay(1, high)).toBe(100);
    expect(backoffDelay(3, low)).toBe(200);
    expect(backoffDelay(3, high)).toBe(400);
  });

  it('never exceeds the cap however many attempts failed', () => {
    expect(backoffDelay(50, high)).toBe(1_000);
    expect(backoffDelay(50, low)).toBe(500);
  });
});

describe('createBackoff', () => {
  it('grows per key independently and starts over after a reset', () => {
    const backoff = createBackoff(high);
    expect([backoff.next('a'), backoff.next('a'), backoff.next('b')]).toEqual([100, 200, 100]);
    backoff.reset('a');
    expect(backoff.next('a')).toBe(100);
  });
});
