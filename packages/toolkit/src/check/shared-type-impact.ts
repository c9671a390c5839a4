import type { Catalog, SchemaVersion, SubjectEntry } from '../catalog/catalog.ts';
import { compareSchemas } from '../compatibility/check-compatibility.ts';
import type { CompatibilityFinding } from '../findings/finding.ts';
import { rebound } from './registry-bindings.ts';
import { namedNodesOf, substituteNamedTypes } from './substitute-named-types.ts';

/**
 * A new version of a shared type, checked against every subject whose newest schema uses it (directly or through
 * other references): each such subject's newest schema with every reference to the type pinned to its newest
 * version, resolved as the registry resolves it (a type the new version no longer uses keeps the definition the
 * subject has), against that subject's history under that subject's level. Only what the type's change causes
 * is reported: a finding the subject has with the versions it pins now is its own. Findings name the shared
 * type, the field and the subject.
 */
export function sharedTypeImpact(catalog: Catalog, shared: SubjectEntry): CompatibilityFinding[] {
  const newest = shared.versions.at(-1);
  if (shared.role !== 'type' || !newest || shared.versions.length < 2) return [];
  const pins = new Map([[shared.subject, newest.version]]);
  return catalog.subjects.flatMap((user) => {
    const current = user.versions.at(-1);
    if (user === shared || !current || !namedNodesOf(current.node).has(shared.subject)) return [];
    try {
      const replacements = rebound(catalog, current, pins);
      if (replacements.size === 0) return [];
      const candidate = substituteNamedTypes(current.node, replacements);
      const history = user.versions.map((v) => v.node);
      const already = new Set(ownFindings(user, current).map(findingKey));
      return compareSchemas(candidate, history, user.compatibility)
        .findings.filter((finding) => !already.has(findingKey(finding)))
        .map(({ compatibility: details, ...finding }) => ({
          ...finding,
          compatibility: { ...details, sharedType: shared.subject, affectedSubject: user.subject },
          message: `${shared.subject} v${newest.version} breaks ${user.subject} (v${user.versions.length + 1} would pin it) at ${details.path === '' ? 'the top-level type' : `\`${details.path}\``}: ${finding.message}`,
        }));
    } catch (error) {
      throw new Error(
        `checking ${user.subject} with ${shared.subject} v${newest.version}: ${(error as Error).message}`,
        { cause: error },
      );
    }
  });
}

const baselines = new WeakMap<SchemaVersion, CompatibilityFinding[]>();

/** What the user's next version gets with the shared types it pins now: its own schema against its history. */
function ownFindings(user: SubjectEntry, current: SchemaVersion): CompatibilityFinding[] {
  let findings = baselines.get(current);
  if (!findings) {
    findings = compareSchemas(
      current.node,
      user.versions.map((v) => v.node),
      user.compatibility,
    ).findings;
    baselines.set(current, findings);
  }
  return findings;
}

function findingKey({ ruleId, message, compatibility }: CompatibilityFinding): string {
  return `${compatibility.version}|${compatibility.direction}|${ruleId}|${compatibility.path}|${message}`;
}
