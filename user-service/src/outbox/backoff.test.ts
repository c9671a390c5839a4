import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.ts';

const options = { baseMs: 100, maxMs: 1_000 };

describe('backoffDelay', () => {
  it('doubles per attempt between half and all of the ceiling', () => {
    expect(backoffDelay(1, options, () => 0)).toBe(50);
    expect(backoffDelay(1, options, () => 1)).toBe(100);
    expect(backoffDelay(3, options, () => 0)).toBe(200);
    expect(backoffDelay(3, options, () => 1)).toBe(400);
  });

  it('never exceeds the cap however many attempts failed', () => {
    expect(backoffDelay(50, options, () => 1)).toBe(1_000);
    expect(backoffDelay(50, options, () => 0)).toBe(500);
  });
});
