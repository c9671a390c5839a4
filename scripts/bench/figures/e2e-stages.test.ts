import { describe, expect, it } from 'vitest';
import { medianStages } from './e2e-stages.ts';

const at = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms);

describe('medianStages', () => {
  it('takes the median of each stage separately', () => {
    const stages = medianStages([
      { insertedAt: at(0), claimedAt: at(2), upsertedAt: at(10) },
      { insertedAt: at(100), claimedAt: at(110), upsertedAt: at(113) },
      { insertedAt: at(200), claimedAt: at(204), upsertedAt: at(209) },
    ]);
    expect(stages).toEqual({ 'INSERT → relay claims the row': 4, 'relay claims → consumer upserts': 5 });
  });

  it('is NaN without registrations', () => {
    expect(Number.isNaN(medianStages([])['INSERT → relay claims the row'])).toBe(true);
  });
});
