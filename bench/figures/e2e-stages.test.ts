import { describe, expect, it } from 'vitest';
import { medianStages } from './e2e-stages.ts';

const at = (ms: number) => Date.UTC(2026, 0, 1) + ms;

describe('medianStages', () => {
  it('takes the median of each stage separately, keeping fractions of a millisecond', () => {
    const stages = medianStages([
      { insertedMs: at(0), claimedMs: at(2), upsertedMs: at(10) },
      { insertedMs: at(100), claimedMs: at(110), upsertedMs: at(113) },
      { insertedMs: at(200.25), claimedMs: at(204.5), upsertedMs: at(209) },
    ]);
    expect(stages).toEqual({ 'INSERT → relay claims the row': 4.25, 'relay claims → consumer upserts': 4.5 });
  });

  it('is NaN without registrations', () => {
    expect(Number.isNaN(medianStages([])['INSERT → relay claims the row'])).toBe(true);
  });
});
