import type pg from 'pg';
import { toDatabaseError } from '../../../../../../profile-service/src/data-access/database-error.ts';
import { createProfileRepository as createProfileRepositoryV2 } from '../../../../../../profile-service/src/data-access/profile-repository.ts';
import type { ProfileRepository } from '../../../../../../profile-service/src/domain/store-profiles.ts';
import type { EmailDomainDraft } from './create-profile.ts';

// Only the row this very event wrote: an older event whose upsert was refused leaves the column alone.
const SET_EMAIL_DOMAIN_SQL = `
  UPDATE profiles SET email_domain = d.email_domain
    FROM unnest($1::uuid[], $2::text[], $3::text[]) AS d(user_id, source_event_id, email_domain)
   WHERE profiles.user_id = d.user_id AND profiles.source_event_id = d.source_event_id`;

/**
 * profile-service's v3 build stores `emailDomain` in the column its migration 002 adds (bundled in place of
 * src/data-access/profile-repository.ts). A second statement after the upsert: the batch's offsets are
 * committed only once both succeeded, so a redelivery fills a column a crash left empty.
 */
export function createProfileRepository({ pool }: { pool: pg.Pool }): ProfileRepository {
  const profiles = createProfileRepositoryV2({ pool });
  return {
    ...profiles,
    async upsertMany(drafts) {
      const result = await profiles.upsertMany(drafts);
      const withDomain = drafts as readonly EmailDomainDraft[];
      try {
        await pool.query({
          name: 'set-email-domain',
          text: SET_EMAIL_DOMAIN_SQL,
          values: [
            withDomain.map((d) => d.userId),
            withDomain.map((d) => d.sourceEventId),
            withDomain.map((d) => d.emailDomain),
          ],
        });
      } catch (error) {
        throw toDatabaseError(error, 'storing email domains');
      }
      return result;
    },
  };
}
