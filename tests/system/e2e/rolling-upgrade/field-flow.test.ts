import { describe, expect, it } from 'vitest';
import { judgeFieldFlow, type RegistrationTrail } from './field-flow.ts';

const switchedAt = new Date('2026-12-03T11:00:00Z');
const before = new Date('2026-12-03T10:59:00Z');
const after = new Date('2026-12-03T11:01:00Z');

function trail(overrides: Partial<RegistrationTrail>): RegistrationTrail {
  return {
    userId: 'u1',
    email: 'Ada@Example.COM',
    createdBy: 3,
    writtenWith: [3],
    emailDomain: 'example.com',
    createdAt: after,
    ...overrides,
  };
}

describe('judgeFieldFlow', () => {
  it('accepts the value from v3 end to end, the default otherwise, and nothing from a v2 reader', () => {
    const flow = judgeFieldFlow(
      [
        trail({}),
        trail({ userId: 'u2', createdBy: 2, writtenWith: [3], emailDomain: '' }),
        trail({ userId: 'u3', createdBy: 3, writtenWith: [2], emailDomain: '' }),
        trail({ userId: 'u4', emailDomain: null, createdAt: before }),
      ],
      switchedAt,
    );
    expect(flow.problems).toEqual([]);
    expect(Object.fromEntries(flow.counts)).toEqual({
      'created v3, written v3 → read v3': 1,
      'created v2, written v3 → read v3': 1,
      'created v3, written v2 → read v3': 1,
      'created v3, written v3 → read v2': 1,
    });
  });

  it('refuses a default where the value was written, and a wrong value', () => {
    const flow = judgeFieldFlow(
      [trail({ emailDomain: '' }), trail({ userId: 'u2', emailDomain: 'example.org' })],
      switchedAt,
    );
    expect(flow.problems).toHaveLength(2);
    expect(flow.problems[0]).toContain('expects "example.com"');
  });

  it('refuses a row whose reader contradicts when the v3 reader ran, or with no message behind it', () => {
    const flow = judgeFieldFlow(
      [trail({ createdAt: before }), trail({ userId: 'u2', emailDomain: null, writtenWith: [] })],
      switchedAt,
    );
    expect(flow.problems).toEqual([
      expect.stringContaining('u1: stored at 2026-12-03T10:59:00.000Z by a v3 reader'),
      'u2: a profile, but no message on the topic',
      expect.stringContaining('u2: stored at 2026-12-03T11:01:00.000Z by a v2 reader'),
    ]);
  });
});
