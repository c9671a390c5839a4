import { describe, expect, it } from 'vitest';
import { isLooser } from './compatibility-strictness.ts';

describe('isLooser', () => {
  it('is true when a direction or transitivity is given up', () => {
    expect(isLooser('BACKWARD', 'FULL')).toBe(true);
    expect(isLooser('FORWARD', 'BACKWARD')).toBe(true);
    expect(isLooser('BACKWARD', 'BACKWARD_TRANSITIVE')).toBe(true);
    expect(isLooser('NONE', 'FORWARD')).toBe(true);
    expect(isLooser('FULL', 'BACKWARD_TRANSITIVE')).toBe(true);
  });

  it('is false for the same or a stricter level', () => {
    expect(isLooser('FULL', 'FULL')).toBe(false);
    expect(isLooser('FULL_TRANSITIVE', 'BACKWARD')).toBe(false);
    expect(isLooser('BACKWARD', 'NONE')).toBe(false);
  });
});
