import type { UserRegister } from '@events/contracts';
import { isServiceError } from '@events/service-platform/errors';
import { describe, expect, it } from 'vitest';
import type { ProfileServiceError } from '../errors.ts';
import { createProfile } from './create-profile.ts';

const event: UserRegister = {
  userId: '2b5f3c1e-8d4a-4f6b-9c2d-1a2b3c4d5e6f',
  email: 'ada@example.com',
  username: 'ada',
  registeredAt: new Date('2025-01-02T03:04:05.678Z'),
  displayName: 'Ada Lovelace',
};

function rejection(value: UserRegister): ProfileServiceError {
  try {
    createProfile(value, 'evt-1');
  } catch (error) {
    if (isServiceError<ProfileServiceError['code']>(error)) return error;
  }
  throw new Error('expected createProfile to reject the event');
}

describe('createProfile', () => {
  it('maps every field of the event and remembers the event id', () => {
    expect(createProfile(event, 'evt-1')).toEqual({
      userId: event.userId,
      username: 'ada',
      displayName: 'Ada Lovelace',
      email: 'ada@example.com',
      registeredAt: event.registeredAt,
      sourceEventId: 'evt-1',
    });
  });

  it('defaults the display name to the username when the event has none', () => {
    expect(createProfile({ ...event, displayName: null }, 'e').displayName).toBe('ada');
    expect(createProfile({ ...event, displayName: '  ' }, 'e').displayName).toBe('ada');
  });

  it('rejects a user id that is not a UUID with INVALID_EVENT naming the field', () => {
    const error = rejection({ ...event, userId: 'user-42' });
    expect(error.code).toBe('INVALID_EVENT');
    expect(error.retriable).toBe(false);
    expect(error.errors).toEqual([expect.objectContaining({ path: 'userId' })]);
  });

  it('rejects text PostgreSQL could not store and empty usernames', () => {
    const error = rejection({ ...event, username: ' ', email: 'a\u0000b' });
    expect(error.errors.map((d) => d.path).sort()).toEqual(['email', 'username']);
  });

  it('rejects an invalid registration date', () => {
    expect(rejection({ ...event, registeredAt: new Date(Number.NaN) }).message).toMatch(/registeredAt/);
  });
});
