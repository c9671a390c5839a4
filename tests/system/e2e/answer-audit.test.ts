import { describe, expect, it } from 'vitest';
import { auditAnswers } from './answer-audit.ts';
import type { Attempt, KeyedRegistration } from './keyed-load.ts';

const keyed = (email: string, attempts: Attempt[]): KeyedRegistration => ({
  registration: { email, username: email.split('@')[0]!, displayName: null },
  key: `key-${email}`,
  attempts,
});
const unavailable = (sentAt: number): Attempt => ({
  sentAt,
  answeredAt: sentAt + 5,
  status: 503,
  code: 'UNAVAILABLE',
});
const unknown = (sentAt: number): Attempt => ({ ...unavailable(sentAt), code: 'OUTCOME_UNKNOWN' });
const created = (sentAt: number, registeredAt: number): Attempt => ({
  sentAt,
  answeredAt: sentAt + 5,
  status: 201,
  id: `id-${sentAt}`,
  registeredAt,
});

describe('auditAnswers', () => {
  it('accepts a 5xx that wrote nothing, and an OUTCOME_UNKNOWN whose write a retry replays', () => {
    const audit = auditAnswers(
      [
        keyed('a@example.com', [unavailable(100), created(1100, 1101)]),
        keyed('b@example.com', [unknown(100), created(1100, 101)]),
        keyed('c@example.com', [created(100, 101)]),
      ],
      new Map(),
    );
    expect(audit).toMatchObject({ answers5xx: 2, outcomeUnknown: 1, settledByRetry: 2, problems: [] });
    expect(audit.acknowledged.map((a) => a.email)).toEqual([
      'a@example.com',
      'b@example.com',
      'c@example.com',
    ]);
  });

  it('blames an UNAVAILABLE whose registration a retry then finds already written', () => {
    const audit = auditAnswers([keyed('a@example.com', [unavailable(100), created(1100, 102)])], new Map());
    expect(audit.problems).toEqual([
      '1 answers other than 201 or OUTCOME_UNKNOWN for a request that wrote, e.g. a@example.com: attempt 1 answered 503 UNAVAILABLE, yet it wrote the registration (2 ms after sending it)',
    ]);
  });

  it('blames a 5xx that wrote a registration the client gave up on', () => {
    const audit = auditAnswers(
      [keyed('A@example.com', [unavailable(100), unavailable(1100)])],
      new Map([['a@example.com', 1103]]),
    );
    expect(audit.unsettled5xx).toBe(1);
    expect(audit.problems).toHaveLength(1);
    expect(audit.problems[0]).toContain('attempt 2 answered 503 UNAVAILABLE');
  });

  it('blames a retry refused as a conflict with its own registration', () => {
    const conflict: Attempt = { sentAt: 1100, answeredAt: 1105, status: 409, code: 'CONFLICT' };
    const audit = auditAnswers([keyed('a@example.com', [unknown(100), conflict])], new Map());
    expect(audit.problems).toEqual([
      '1 answers refusing a registration its own key had stored, e.g. a@example.com: 409 CONFLICT (attempt 2)',
    ]);
  });

  it('counts a 409 IDEMPOTENCY_KEY_IN_USE as a retry to repeat, not as a refusal', () => {
    const inUse: Attempt = { sentAt: 1100, answeredAt: 1105, status: 409, code: 'IDEMPOTENCY_KEY_IN_USE' };
    const audit = auditAnswers(
      [keyed('a@example.com', [unknown(100), inUse, created(2100, 101)])],
      new Map(),
    );
    expect(audit).toMatchObject({ keyInUse: 1, settledByRetry: 1, problems: [] });
  });
});
