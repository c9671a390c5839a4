import { userRegistered as userRegisteredV2 } from '../../../../../../user-service/src/domain/user-registered.ts';
import { emailDomainOf } from '../email-domain.ts';

/**
 * user-service's v3 build writes `emailDomain` (bundled in place of src/domain/user-registered.ts). Typed
 * against main's catalog, which has no such field: the value gains it as data, and the v3 serde validates it.
 */
export function userRegistered(
  ...args: Parameters<typeof userRegisteredV2>
): ReturnType<typeof userRegisteredV2> {
  const event = userRegisteredV2(...args);
  const value = { ...event.value, emailDomain: emailDomainOf(event.value.email) };
  return { ...event, value };
}
