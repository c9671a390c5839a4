import { describe, expect, it } from 'vitest';
import { toDatabaseError } from './database-error.ts';

const pgError = (code: string) => Object.assign(new Error(`pg ${code}`), { code });

describe('toDatabaseError', () => {
  it.each([
    [
      'connection refused (no SQLSTATE)',
      Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
    ],
    ['a terminated connection', new Error('Connection terminated unexpectedly')],
    ['admin shutdown 57P01', pgError('57P01')],
    ['cannot connect now 57P03', pgError('57P03')],
    ['too many connections 53300', pgError('53300')],
    ['database not accepting connections 55000', pgError('55000')],
    ['serialization failure 40001', pgError('40001')],
  ])('treats %s as retriable DATABASE_UNAVAILABLE', (_name, error) => {
    const wrapped = toDatabaseError(error, 'upserting');
    expect(wrapped.code).toBe('DATABASE_UNAVAILABLE');
    expect(wrapped.retriable).toBe(true);
    expect(wrapped.cause).toBe(error);
  });

  it('treats a statement the database refuses as DATABASE_REJECTED, not retriable', () => {
    const wrapped = toDatabaseError(pgError('22P02'), 'upserting');
    expect(wrapped.code).toBe('DATABASE_REJECTED');
    expect(wrapped.retriable).toBe(false);
  });
});
