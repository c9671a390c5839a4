import { ServiceError } from '@events/service-platform/errors';
import { describe, expect, it } from 'vitest';
import { parseIdempotencyKey } from './idempotency-key-header.ts';

function refusal(header: string | string[]) {
  try {
    parseIdempotencyKey(header);
  } catch (error) {
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).code).toBe('VALIDATION_FAILED');
    return (error as ServiceError).errors;
  }
  throw new Error(`expected ${JSON.stringify(header)} to be refused`);
}

describe('parseIdempotencyKey', () => {
  it('has no key when the header is absent', () => {
    expect(parseIdempotencyKey(undefined)).toBeUndefined();
  });

  it.each([
    ['"8e03978e-40d5-43e8-bc93-6894a57f9324"', '8e03978e-40d5-43e8-bc93-6894a57f9324'],
    [' "with spaces inside" ', 'with spaces inside'],
    ['"a \\"quoted\\" \\\\ key"', 'a "quoted" \\ key'],
    ['8e03978e-40d5-43e8-bc93-6894a57f9324', '8e03978e-40d5-43e8-bc93-6894a57f9324'],
    ['dGVzdA==', 'dGVzdA=='],
  ])('reads %s as the key %s', (header, key) => {
    expect(parseIdempotencyKey(header)).toBe(key);
  });

  it.each([
    ['an empty value', ''],
    ['an empty string', '""'],
    ['an unterminated string', '"abc'],
    ['a lone backslash', '"a\\b"'],
    ['a non-ASCII character', '"clé"'],
    ['a control character', '"a\tb"'],
    ['a bare key with a space', 'two words'],
    ['two keys in one field', '"a", "b"'],
    ['parameters', '"a";p=1'],
    ['a key over 255 characters', `"${'k'.repeat(256)}"`],
  ])('refuses %s with a 400 naming the header', (_name, header) => {
    expect(refusal(header)).toEqual([{ path: 'Idempotency-Key', message: expect.any(String) }]);
  });

  it('refuses the header sent twice', () => {
    expect(refusal(['"a"', '"b"'])).toEqual([
      { path: 'Idempotency-Key', message: 'Idempotency-Key must be sent once' },
    ]);
  });
});
