import { readFileSync } from 'node:fs';
import type { Catalog, SubjectEntry } from '../catalog/catalog.ts';
import type { CompatibilityFinding, Finding } from '../findings/finding.ts';
import { describeImpact } from './compatibility-impact.ts';
import type { LintConfig } from './lint/lint-config.ts';
import { lintSchema } from './lint/lint-schema.ts';
import { locateFindings } from './locate-findings.ts';

/** Lints the subject's newest version only: published history is not re-linted. */
export function lintNewestVersion(entry: SubjectEntry, config: LintConfig): Finding[] {
  const newest = entry.versions.at(-1);
  if (!newest) return [];
  return lintSchema({
    schema: newest.schema,
    text: readFileSync(newest.file, 'utf8'),
    file: newest.file,
    role: entry.role,
    config,
    previous: entry.versions.at(-2)?.schema,
  });
}

/**
 * The subject's compatibility findings placed in its newest file and told in the names of the services
 * topics.json declares for the topic they hurt: the subject's own, or for a shared type's change the topic of
 * the subject using it.
 */
export function locateSubjectFindings(
  catalog: Catalog,
  entry: SubjectEntry,
  findings: readonly CompatibilityFinding[],
): CompatibilityFinding[] {
  const newest = entry.versions.at(-1);
  if (!newest || findings.length === 0) return [];
  const subjects = new Map(catalog.subjects.map((subject) => [subject.subject, subject]));
  const topics = new Map(catalog.topics.map((topic) => [topic.topic, topic]));
  return locateFindings(
    findings,
    { schema: newest.schema, text: readFileSync(newest.file, 'utf8'), file: newest.file },
    (details) => {
      const hurt = details.affectedSubject ? subjects.get(details.affectedSubject) : entry;
      const topic = hurt?.topic === undefined ? undefined : topics.get(hurt.topic);
      if (!hurt || !topic) return undefined;
      // A shared type's change reaches a user's readers once the user pins it in its next version.
      const candidate = details.affectedSubject ? hurt.versions.length + 1 : newest.version;
      return describeImpact(details, { candidate, topic: topic.topic, services: topic });
    },
  );
}
