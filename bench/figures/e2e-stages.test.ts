import { describe, expect, it } from 'vitest';
import { medianStages } from './e2e-stages.ts';

const at = (ms: number) => Date.UTC(2026, 0, 1) + ms;

describe('medianStages', () => {
  it('takes the median of the stage, keeping fractions of a millisecond', () => {
    const stages = medianStages([
      { insertedMs: at(0), upsertedMs: at(10) },
      { insertedMs: at(100), upsertedMs: at(113) },
      { insertedMs: at(200.25), upsertedMs: at(209) },
    ]);
    expect(stages).toEqual({ 'INSERT → consumer upserts': 10 });
  });

  it('is NaN without registrations', () => {
    expect(Number.isNaN(medianStages([])['INSERT → consumer upserts'])).toBe(true);
  });
});
