import type { CompatibilityLevel } from '../../src/compatibility-level.ts';
import { type CatalogFiles, newestOf, subjectFiles } from './catalog-files.ts';
import { referencedSubjects, resolveAsConfluent, usersOf } from './confluent-resolution.ts';
import type { ResolvedSchema } from './java-oracle.ts';

/** One reader/writer check Java answers. */
export interface SchemaPair {
  reader: ResolvedSchema;
  writer: ResolvedSchema;
}

/**
 * One verdict the checker gives: a subject's newest version against its history (`own`), or a shared type's
 * newest version in place in a subject that uses it (`impact`), under that subject's level. An own verdict is
 * compatible when every pair is; an impact verdict when no pair has an incompatibility its `baseline` pair
 * (the subject with the versions it pins now) does not have: what the user already breaks is its own finding.
 */
export interface VerdictQuestion {
  kind: 'own' | 'impact';
  subject: string;
  /** impact: the shared type whose newest version is put in place. */
  type?: string;
  level: CompatibilityLevel;
  pairs: SchemaPair[];
  /** impact: the same pairs with the subject's newest version as it pins its types now. */
  baseline?: SchemaPair[];
}

export function verdictQuestions(catalog: CatalogFiles): VerdictQuestion[] {
  const questions: VerdictQuestion[] = [];
  for (const subject of Object.keys(catalog.subjects).sort()) {
    const { versions, config } = subjectFiles(catalog, subject);
    const level = config.compatibility as CompatibilityLevel;
    const history = versions.map((_, index) => resolveAsConfluent(catalog, subject, index + 1));
    if (versions.length >= 2) {
      const candidate = history.at(-1) as ResolvedSchema;
      questions.push({
        kind: 'own',
        subject,
        level,
        pairs: pairsUnder(level, candidate, history.slice(0, -1)),
      });
    }
  }
  for (const type of Object.keys(catalog.subjects).sort()) {
    const newest = newestOf(catalog, type);
    if (newest.version < 2) continue;
    for (const user of usersOf(catalog, type)) {
      const { versions, config } = subjectFiles(catalog, user);
      // A user already on the newest version has nothing to learn from the type's change.
      if (referencedSubjects(catalog, user, versions.length).get(type) === newest.version) continue;
      const level = config.compatibility as CompatibilityLevel;
      const candidate = resolveAsConfluent(catalog, user, versions.length, new Map([[type, newest.version]]));
      const history = versions.map((_, index) => resolveAsConfluent(catalog, user, index + 1));
      questions.push({
        kind: 'impact',
        subject: user,
        type,
        level,
        pairs: pairsUnder(level, candidate, history),
        baseline: pairsUnder(level, history.at(-1) as ResolvedSchema, history),
      });
    }
  }
  return questions;
}

/** Confluent's levels: which earlier versions, and which way round each is read. */
function pairsUnder(
  level: CompatibilityLevel,
  candidate: ResolvedSchema,
  earlier: ResolvedSchema[],
): SchemaPair[] {
  if (level === 'NONE' || earlier.length === 0) return [];
  const against = level.endsWith('_TRANSITIVE') ? earlier : earlier.slice(-1);
  const backward = level.startsWith('BACKWARD') || level.startsWith('FULL');
  const forward = level.startsWith('FORWARD') || level.startsWith('FULL');
  return against.flatMap((old) => [
    ...(backward ? [{ reader: candidate, writer: old }] : []),
    ...(forward ? [{ reader: old, writer: candidate }] : []),
  ]);
}

export function pairKey(pair: SchemaPair): string {
  return JSON.stringify([pair.reader, pair.writer]);
}
