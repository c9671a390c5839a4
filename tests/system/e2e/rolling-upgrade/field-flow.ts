import { emailDomainOf } from './variants/email-domain.ts';

/**
 * One acknowledged registration: the build that accepted it, the schema versions its messages were written
 * with, and its profile. The two builds can differ: the outbox keeps the event as JSON and whichever instance
 * holds the relay lock encodes it with its own schema.
 */
export interface RegistrationTrail {
  userId: string;
  email: string;
  /** The catalog version of the user-service build that accepted it (its outbox JSON has the field or not). */
  createdBy: number;
  /** One entry per message on the topic (the relay publishes at least once). */
  writtenWith: number[];
  /** null: the profile was stored by a build whose reader predates the field (no column written). */
  emailDomain: string | null;
  createdAt: Date;
}

export interface FieldFlow {
  /** `created v3, written v2 → read v3`-style lines with their counts. */
  counts: Map<string, number>;
  problems: string[];
}

/**
 * Holds every profile to what its builds imply for `emailDomain` (v3): a v2 reader stores nothing; a v3 reader
 * stores the value when a v3 build accepted it and a v3 relay wrote it, the default ('') otherwise (a v2
 * build never had it; a v2 relay does not write it). The reader is read from the row and cross-checked
 * against when the reader builds ran (`v3ReaderFrom`).
 */
export function judgeFieldFlow(trails: readonly RegistrationTrail[], v3ReaderFrom: Date): FieldFlow {
  const counts = new Map<string, number>();
  const problems: string[] = [];
  for (const trail of trails) {
    const readByV3 = trail.emailDomain !== null;
    const written = [...new Set(trail.writtenWith)].sort();
    const line = `created v${trail.createdBy}, written v${written.join('+v')} → read v${readByV3 ? 3 : 2}`;
    counts.set(line, (counts.get(line) ?? 0) + 1);
    if (written.length === 0) problems.push(`${trail.userId}: a profile, but no message on the topic`);
    if (readByV3 !== trail.createdAt >= v3ReaderFrom)
      problems.push(
        `${trail.userId}: stored at ${trail.createdAt.toISOString()} by a v${readByV3 ? 3 : 2} reader, ` +
          `but the v3 reader ran from ${v3ReaderFrom.toISOString()}`,
      );
    if (!readByV3) continue;
    const expected = new Set(
      written.map((v) => (v >= 3 && trail.createdBy >= 3 ? emailDomainOf(trail.email) : '')),
    );
    if (!expected.has(trail.emailDomain as string))
      problems.push(
        `${trail.userId}: emailDomain ${JSON.stringify(trail.emailDomain)} stored, ${line} ` +
          `expects ${[...expected].map((e) => JSON.stringify(e)).join(' or ')}`,
      );
  }
  return { counts, problems };
}
