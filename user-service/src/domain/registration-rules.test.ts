import { ServiceError } from '@events/service-platform/errors';
import { describe, expect, it } from 'vitest';
import { parseRegistration } from './registration-rules.ts';

const valid = { email: 'ada@example.com', username: 'ada_lovelace', displayName: 'Ada Lovelace' };

function detailsFor(body: unknown) {
  try {
    parseRegistration(body);
  } catch (error) {
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).code).toBe('VALIDATION_FAILED');
    return (error as ServiceError).errors;
  }
  throw new Error('expected the body to be rejected');
}

describe('parseRegistration', () => {
  it('accepts a valid registration and keeps every field exactly as sent', () => {
    expect(parseRegistration(valid)).toEqual(valid);
  });

  it('defaults a missing or null displayName to null', () => {
    expect(parseRegistration({ email: valid.email, username: valid.username }).displayName).toBeNull();
    expect(parseRegistration({ ...valid, displayName: null }).displayName).toBeNull();
  });

  it('accepts usernames and display names in any script without changing a byte', () => {
    const body = { email: 'z@example.com', username: 'Zoë-明日.नमस्ते', displayName: 'Zoë 明日 🚀 नमस्ते' };
    const parsed = parseRegistration(body);
    expect(Buffer.from(parsed.username)).toEqual(Buffer.from(body.username));
    expect(Buffer.from(parsed.displayName ?? '')).toEqual(Buffer.from(body.displayName));
  });

  it.each([
    ['not an email', 'email must be a valid email address like name@example.com'],
    [` ${valid.email}`, 'email must be a valid email address like name@example.com'],
    [`${'a'.repeat(250)}@example.com`, 'email must be at most 254 characters'],
  ])('rejects the email %j', (email, message) => {
    expect(detailsFor({ ...valid, email })).toContainEqual({ path: 'email', message });
  });

  it.each([
    ['ab', 'username must be 3 to 30 characters long'],
    ['a'.repeat(31), 'username must be 3 to 30 characters long'],
    [
      'has space',
      'username may contain only letters, digits, "_", "." and "-", and must start with a letter or digit',
    ],
    [
      '_leading',
      'username may contain only letters, digits, "_", "." and "-", and must start with a letter or digit',
    ],
    [
      'emoji🚀',
      'username may contain only letters, digits, "_", "." and "-", and must start with a letter or digit',
    ],
    ['Zoe\u0308y', 'username must be in Unicode normalization form NFC'],
  ])('rejects the username %j', (username, message) => {
    expect(detailsFor({ ...valid, username })).toContainEqual({ path: 'username', message });
  });

  it('counts characters, not UTF-16 units, against the length limits', () => {
    expect(parseRegistration({ ...valid, username: '明'.repeat(30) }).username).toHaveLength(30);
    expect(parseRegistration({ ...valid, displayName: '🚀'.repeat(100) }).displayName).toHaveLength(200);
    expect(detailsFor({ ...valid, displayName: '🚀'.repeat(101) })).toEqual([
      { path: 'displayName', message: 'displayName must be 1 to 100 characters long' },
    ]);
  });

  it.each([
    ['', 'displayName must be 1 to 100 characters long'],
    ['   ', 'displayName must not be blank'],
    ['line\nbreak', 'displayName must not contain control characters'],
    ['\ud800', 'displayName must be well-formed Unicode'],
  ])('rejects the displayName %j', (displayName, message) => {
    expect(detailsFor({ ...valid, displayName })).toContainEqual({ path: 'displayName', message });
  });

  it('lists every invalid field, missing ones and unknown ones together', () => {
    const details = detailsFor({ username: 42, displayName: 7, role: 'admin', isAdmin: true });
    expect(details).toEqual(
      expect.arrayContaining([
        { path: 'email', message: 'email is required' },
        { path: 'username', message: 'username must be a string' },
        { path: 'displayName', message: 'displayName must be a string' },
        { path: 'role', message: 'role is not an allowed field' },
        { path: 'isAdmin', message: 'isAdmin is not an allowed field' },
      ]),
    );
    expect(details).toHaveLength(5);
  });

  it.each([[null], [[]], ['text'], [42]])('rejects the non-object body %j', (body) => {
    expect(detailsFor(body)).toEqual([{ path: 'body', message: 'body must be a JSON object' }]);
  });
});
