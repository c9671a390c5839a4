import { describe, expect, it } from 'vitest';
import { keepNewestPerUser, type ProfileDraft } from './profile.ts';

const draft = (userId: string, at: string, sourceEventId: string): ProfileDraft => ({
  userId,
  username: 'u',
  displayName: 'u',
  email: 'u@example.com',
  registeredAt: new Date(at),
  sourceEventId,
});

describe('keepNewestPerUser', () => {
  it('keeps the latest registration per user and leaves other users alone', () => {
    const kept = keepNewestPerUser([
      draft('a', '2025-01-01T00:00:00Z', 'a-old'),
      draft('b', '2025-01-01T00:00:00Z', 'b-only'),
      draft('a', '2025-01-03T00:00:00Z', 'a-new'),
      draft('a', '2025-01-02T00:00:00Z', 'a-mid'),
    ]);
    expect(kept.map((d) => d.sourceEventId).sort()).toEqual(['a-new', 'b-only']);
  });

  it('keeps the first of two registrations with the same timestamp, as a redelivery would', () => {
    const kept = keepNewestPerUser([
      draft('a', '2025-01-01T00:00:00Z', 'first'),
      draft('a', '2025-01-01T00:00:00Z', 'second'),
    ]);
    expect(kept.map((d) => d.sourceEventId)).toEqual(['first']);
  });
});
