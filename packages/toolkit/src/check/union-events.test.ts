import { describe, expect, it } from 'vitest';
import type { CompatibilityDetails, CompatibilityFinding } from '../findings/finding.ts';
import { explainUnionEvents } from './union-events.ts';

const problem = (overrides: Partial<CompatibilityDetails>): CompatibilityFinding => ({
  ruleId: 'missing-union-branch',
  severity: 'error',
  message: 'generic',
  fix: 'generic',
  compatibility: {
    version: 1,
    direction: 'FORWARD',
    path: '',
    avroType: 'MISSING_UNION_BRANCH',
    branch: 'shop.Refunded',
    ...overrides,
  },
});

describe('explainUnionEvents', () => {
  it('explains a branch older readers lack as an added event type they dead-letter', () => {
    const [explained] = explainUnionEvents([problem({})]);
    expect(explained?.message).toMatch(
      /^event type shop\.Refunded was added: consumers still on v1 cannot read it/,
    );
    expect(explained?.message).toContain('UNKNOWN_EVENT_TYPE');
  });

  it('explains a branch the new schema lacks as a removed event type whose events can no longer be read', () => {
    const [explained] = explainUnionEvents([problem({ direction: 'BACKWARD' })]);
    expect(explained?.message).toMatch(
      /^event type shop\.Refunded was removed: consumers on the new schema cannot read/,
    );
  });

  it('leaves findings inside an event record as they are', () => {
    const inside = problem({ path: 'address' });
    expect(explainUnionEvents([inside])).toEqual([inside]);
  });
});
