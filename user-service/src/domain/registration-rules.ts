import { z } from 'zod';
import { userServiceError } from '../errors.ts';
import type { NewUser } from './user.ts';

const USERNAME_MIN = 3;
const USERNAME_MAX = 30;
const DISPLAY_NAME_MAX = 100;
const EMAIL_MAX = 254;

// Letters and digits of any script, combining marks, `_`, `.`, `-`; starts with a letter or digit.
const USERNAME_PATTERN = /^[\p{L}\p{N}][\p{L}\p{M}\p{N}_.-]*$/u;
const CONTROL_CHARACTER = /\p{Cc}/u;
const LONE_SURROGATE = /\p{Cs}/u;

// Code points, not UTF-16 units.
const lengthBetween = (value: string, min: number, max: number): boolean => {
  const length = [...value].length;
  return length >= min && length <= max;
};

// `abort` keeps to the first broken rule of a field, so each field gets one clear message.
const text = (field: string) =>
  z
    .string({
      error: (issue) => (issue.input === undefined ? `${field} is required` : `${field} must be a string`),
    })
    // Lone surrogates cannot be stored as UTF-8 and would not round-trip.
    .refine((value) => !LONE_SURROGATE.test(value), {
      message: `${field} must be well-formed Unicode`,
      abort: true,
    });

const registrationSchema = z.strictObject(
  {
    email: text('email')
      .refine((value) => value.length <= EMAIL_MAX, {
        message: `email must be at most ${EMAIL_MAX} characters`,
        abort: true,
      })
      .pipe(z.email('email must be a valid email address like name@example.com')),
    username: text('username')
      .refine((value) => lengthBetween(value, USERNAME_MIN, USERNAME_MAX), {
        message: `username must be ${USERNAME_MIN} to ${USERNAME_MAX} characters long`,
        abort: true,
      })
      .refine((value) => USERNAME_PATTERN.test(value), {
        message:
          'username may contain only letters, digits, "_", "." and "-", and must start with a letter or digit',
        abort: true,
      })
      // Two spellings of one visible name (composed vs decomposed) would dodge the unique constraint.
      .refine((value) => value === value.normalize('NFC'), {
        message: 'username must be in Unicode normalization form NFC',
        abort: true,
      }),
    displayName: text('displayName')
      .refine((value) => lengthBetween(value, 1, DISPLAY_NAME_MAX), {
        message: `displayName must be 1 to ${DISPLAY_NAME_MAX} characters long`,
        abort: true,
      })
      .refine((value) => value.trim() !== '', { message: 'displayName must not be blank', abort: true })
      .refine((value) => !CONTROL_CHARACTER.test(value), {
        message: 'displayName must not contain control characters',
        abort: true,
      })
      .nullable()
      .optional(),
  },
  { error: (issue) => (issue.code === 'invalid_type' ? 'body must be a JSON object' : undefined) },
);

/** Checks a registration request; throws VALIDATION_FAILED listing every problem, one entry per field. */
export function parseRegistration(body: unknown): NewUser {
  const result = registrationSchema.safeParse(body);
  if (!result.success) {
    const details = result.error.issues.flatMap((issue) =>
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => ({ path: key, message: `${key} is not an allowed field` }))
        : [{ path: issue.path.join('.') || 'body', message: issue.message }],
    );
    throw userServiceError('VALIDATION_FAILED', 'The request body is invalid.', { errors: details });
  }
  const { email, username, displayName } = result.data;
  return { email, username, displayName: displayName ?? null };
}
