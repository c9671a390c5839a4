import type { UserRegister } from '@events/contracts';
import { createProfile as createProfileV2 } from '../../../../../../profile-service/src/domain/create-profile.ts';
import type { ProfileDraft } from '../../../../../../profile-service/src/domain/profile.ts';
import { profileServiceError } from '../../../../../../profile-service/src/errors.ts';

export interface EmailDomainDraft extends ProfileDraft {
  emailDomain: string;
}

/**
 * profile-service's v3 build keeps `emailDomain` (bundled in place of src/domain/create-profile.ts). Its v3
 * reader always yields the field (the default for events written before it); written to compile against
 * main's catalog too, where UserRegister has no such field.
 */
export function createProfile(event: UserRegister, eventId: string): EmailDomainDraft {
  const draft = createProfileV2(event, eventId);
  const { emailDomain } = event as UserRegister & { emailDomain?: unknown };
  if (typeof emailDomain !== 'string')
    throw profileServiceError('INVALID_EVENT', 'event breaks the contract: emailDomain: not a string', {
      errors: [{ path: 'emailDomain', message: 'not a string' }],
    });
  return { ...draft, emailDomain };
}
