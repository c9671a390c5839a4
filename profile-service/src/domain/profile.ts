/** What a user-registration event contributes to a profile; the repository stores it. */
export interface ProfileDraft {
  userId: string;
  username: string;
  displayName: string;
  email: string;
  /** The event's registeredAt: the version of the draft ("newer" means a later registeredAt). */
  registeredAt: Date;
  sourceEventId: string;
}

export interface Profile extends ProfileDraft {
  bio: string;
  createdAt: Date;
  updatedAt: Date;
}

/** The rule the SQL guard applies too: only a strictly later registration replaces a profile's data. */
function supersedes(candidate: ProfileDraft, current: ProfileDraft): boolean {
  return candidate.registeredAt.getTime() > current.registeredAt.getTime();
}

/** One draft per user, the one that would win if the drafts were applied one by one in order. */
export function keepNewestPerUser(drafts: readonly ProfileDraft[]): ProfileDraft[] {
  const winners = new Map<string, ProfileDraft>();
  for (const draft of drafts) {
    const current = winners.get(draft.userId);
    if (current === undefined || supersedes(draft, current)) winners.set(draft.userId, draft);
  }
  return [...winners.values()];
}
