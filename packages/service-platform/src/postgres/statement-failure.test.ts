import { describe, expect, it } from 'vitest';
import { statementFailure } from './statement-failure.ts';

describe('statementFailure', () => {
  it('reads an error the server answered as refused: the statement rolled back', () => {
    expect(statementFailure({ severity: 'ERROR', code: '23505' })).toBe('refused');
    expect(statementFailure({ severity: 'ERROR', code: '40001' })).toBe('refused');
    expect(statementFailure({ severity: 'FEHLER', code: '22P02' })).toBe('refused');
  });

  it('reads a FATAL answer as the session ending, in any language', () => {
    expect(statementFailure({ severity: 'FATAL', code: '57P01' })).toBe('session-ended');
    expect(statementFailure({ severity: 'ВАЖНО', code: '57P01' })).toBe('session-ended');
  });

  it.each([
    ['a client-side timeout', new Error('Query read timeout')],
    ['a dropped connection', new Error('Connection terminated unexpectedly')],
    ['a reset', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })],
    ['a broken pipe', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' })],
    ['nothing at all', undefined],
  ])('reads %s as an unknown outcome', (_name, error) => {
    expect(statementFailure(error)).toBe('unknown');
  });
});
