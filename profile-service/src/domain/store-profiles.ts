import { isServiceError, type ServiceError } from '@events/service-platform/errors';
import type { Profile, ProfileDraft } from './profile.ts';

export interface UpsertResult {
  /** User ids whose profile was created. */
  created: string[];
  /** User ids whose profile data was replaced by a newer registration. */
  updated: string[];
}

/** The port this service's use cases and routes need; data-access/profile-repository.ts implements it. */
export interface ProfileRepository {
  /** Drafts must hold at most one per user id (see keepNewestPerUser). */
  upsertMany(drafts: readonly ProfileDraft[]): Promise<UpsertResult>;
  findById(userId: string): Promise<Profile | undefined>;
  ping(): Promise<void>;
}

export interface StoreResult extends UpsertResult {
  /** Drafts the database refused on their own (not an outage): dead-letter them, do not retry forever. */
  rejected: { draft: ProfileDraft; reason: string }[];
}

const isRejection = (error: unknown): error is ServiceError => isServiceError(error, 'DATABASE_REJECTED');

/**
 * One upsert for the whole chunk. Only if the database refuses that statement itself (a row it cannot
 * take, not an outage) are the drafts retried one by one, to single out the offending ones.
 */
export async function storeProfiles(
  repository: Pick<ProfileRepository, 'upsertMany'>,
  drafts: readonly ProfileDraft[],
): Promise<StoreResult> {
  try {
    return { ...(await repository.upsertMany(drafts)), rejected: [] };
  } catch (error) {
    if (!isRejection(error)) throw error;
  }
  const result: StoreResult = { created: [], updated: [], rejected: [] };
  for (const draft of drafts) {
    try {
      const stored = await repository.upsertMany([draft]);
      result.created.push(...stored.created);
      result.updated.push(...stored.updated);
    } catch (error) {
      if (!isRejection(error)) throw error;
      const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
      result.rejected.push({ draft, reason: `${error.message}${cause}` });
    }
  }
  return result;
}
