import { describe, expect, it } from 'vitest';
import { profileCosts } from './profile-summary.ts';

describe('profileCosts', () => {
  it('adds self time per package and function, charges native time to its caller and leaves idle out', () => {
    const profile = {
      nodes: [
        { id: 1, callFrame: { functionName: '(idle)', url: '', lineNumber: -1 } },
        {
          id: 2,
          callFrame: {
            functionName: 'query',
            url: 'file:///work/main/node_modules/pg/lib/client.js',
            lineNumber: 9,
          },
          children: [5],
        },
        {
          id: 3,
          callFrame: {
            functionName: 'register',
            url: 'file:///work/main/user-service/dist/main.js',
            lineNumber: 41,
          },
        },
        { id: 4, callFrame: { functionName: '(garbage collector)', url: '', lineNumber: -1 } },
        { id: 5, callFrame: { functionName: 'write', url: 'node:net', lineNumber: 3 }, children: [6] },
        { id: 6, callFrame: { functionName: 'writev', url: '', lineNumber: -1 } },
        { id: 7, callFrame: { functionName: 'orphan', url: 'node:fs', lineNumber: 0 } },
      ],
      samples: [1, 2, 3, 2, 4, 1, 6, 7],
      timeDeltas: [5000, 1000, 2000, 1000, 500, 9000, 3000, 250],
    };
    const costs = profileCosts(profile, '/work/main');
    expect(costs.totalMs).toBe(7.75);
    expect(costs.byPackage).toEqual([
      ['pg', 5],
      ['user-service (ours)', 2],
      ['(garbage collector)', 0.5],
      ['node internals', 0.25],
    ]);
    expect(costs.byFunction[0]).toEqual(['writev  [pg]', 3]);
    expect(costs.entry).toBe('user-service/dist/main.js');
  });
});
