import { describe, expect, it } from 'vitest';
import { describeLost } from './explain-lost.ts';

describe('describeLost', () => {
  const published = 'outbox: relayed (behind the checkpoint)';

  it('groups lost registrations by where they stopped, with a count and an example each', () => {
    const lines = describeLost(['a', 'b', 'c', 'd', 'e'], {
      outbox: new Map([
        ['a', published],
        ['b', published],
        ['c', published],
        ['d', 'outbox: not relayed yet (after the checkpoint)'],
      ]),
      written: new Map([
        ['b', [{ partition: 2, offset: 40 }]],
        ['c', [{ partition: 4, offset: 90 }]],
      ]),
      committed: new Map([
        [2, 100],
        [4, 90],
      ]),
    });
    expect(lines).toEqual([
      `lost 1: ${published}; not in the topic (e.g. a)`,
      `lost 1: ${published}; in the topic, below the committed offset (consumed without a profile) (e.g. b at p2@40, committed 100)`,
      `lost 1: ${published}; in the topic, not consumed yet (e.g. c at p4@90, committed 90)`,
      'lost 1: outbox: not relayed yet (after the checkpoint); not in the topic (e.g. d)',
      'lost 1: no outbox row; not in the topic (e.g. e)',
    ]);
  });

  it('counts registrations of the same kind together and keeps the first as the example', () => {
    const written = new Map([
      ['x', [{ partition: 1, offset: 5 }]],
      ['y', [{ partition: 1, offset: 6 }]],
    ]);
    const lines = describeLost(['x', 'y'], {
      outbox: new Map([
        ['x', published],
        ['y', published],
      ]),
      written,
      committed: new Map(),
    });
    expect(lines).toEqual([
      `lost 2: ${published}; in the topic, not consumed yet (e.g. x at p1@5, committed none)`,
    ]);
  });

  it('says nothing when nothing was lost', () => {
    expect(describeLost([], { outbox: new Map(), written: new Map(), committed: new Map() })).toEqual([]);
  });
});
