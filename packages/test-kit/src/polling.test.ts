import { describe, expect, it } from 'vitest';
import { waitFor } from './polling.ts';

describe('waitFor', () => {
  it('returns the first value the check yields', async () => {
    let calls = 0;
    expect(await waitFor('the third call', () => (++calls >= 3 ? calls : false))).toBe(3);
  });

  it('fails naming what it waited for, with the last error as cause', async () => {
    const error = await waitFor(
      'the impossible',
      () => {
        throw new Error('still broken');
      },
      300,
    ).catch((caught: Error) => caught);
    expect(error).toMatchObject({ message: 'timed out after 300 ms waiting for the impossible' });
    expect((error as Error).cause).toMatchObject({ message: 'still broken' });
  });
});
