import type { UserRegister } from '@events/contracts';
import { z } from 'zod';
import { profileServiceError } from '../errors.ts';
import type { ProfileDraft } from './profile.ts';

// PostgreSQL text cannot hold NUL, so such a value could never be stored.
const storableText = z.string().refine((value) => !value.includes('\u0000'), 'contains a NUL character');

const userRegisterRules = z.object({
  userId: z.guid(),
  email: storableText.pipe(z.string().trim().min(1)),
  username: storableText.pipe(z.string().trim().min(1)),
  registeredAt: z.date(),
  displayName: storableText.nullable(),
});

/** Turns a decoded user_register event into the profile it creates; throws INVALID_EVENT. */
export function createProfile(event: UserRegister, eventId: string): ProfileDraft {
  const checked = userRegisterRules.safeParse(event);
  if (!checked.success) {
    const details = checked.error.issues.map((issue) => ({
      path: issue.path.join('.'),
      message: issue.message,
    }));
    const summary = details.map((d) => `${d.path}: ${d.message}`).join('; ');
    throw profileServiceError('INVALID_EVENT', `event breaks the contract: ${summary}`, { errors: details });
  }
  const { userId, email, username, registeredAt, displayName } = event;
  return {
    userId,
    username,
    displayName: displayName?.trim() ? displayName : username,
    email,
    registeredAt,
    sourceEventId: eventId,
  };
}
