import { describe, expect, it } from 'vitest';
import { isTransientDatabaseError, uniqueViolation } from './transient-database-error.ts';

describe('isTransientDatabaseError', () => {
  it.each([
    ['connection refused', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })],
    ['admin shutdown', { code: '57P01' }],
    ['connection failure', { code: '08006' }],
    ['too many connections', { code: '53300' }],
    ['a pool timeout', new Error('timeout exceeded when trying to connect')],
  ])('retries %s', (_name, error) => {
    expect(isTransientDatabaseError(error)).toBe(true);
  });

  it.each([
    ['a unique violation', { code: '23505' }],
    ['a syntax error', { code: '42601' }],
    ['an invalid text value', { code: '22P02' }],
  ])('does not retry %s', (_name, error) => {
    expect(isTransientDatabaseError(error)).toBe(false);
  });
});

describe('uniqueViolation', () => {
  it('names the constraint of a unique violation only', () => {
    expect(uniqueViolation({ code: '23505', constraint: 'users_email_key_unique' })).toBe(
      'users_email_key_unique',
    );
    expect(uniqueViolation({ code: '23503', constraint: 'fk' })).toBeUndefined();
    expect(uniqueViolation(undefined)).toBeUndefined();
  });
});
