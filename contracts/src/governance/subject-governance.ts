import { readFileSync } from 'node:fs';
import type { SubjectEntry } from '../catalog/load-catalog.ts';
import type { Problem } from '../compatibility/problem.ts';
import { declaredServices, describeImpact } from './compatibility-impact.ts';
import type { GovernanceFinding } from './finding.ts';
import type { LintConfig } from './lint/lint-config.ts';
import { lintSchema } from './lint/lint-schema.ts';
import { type LocatedProblem, locateProblems } from './located-problem.ts';

/** Lints the subject's newest version only: published history is not re-linted. */
export function lintNewestVersion(entry: SubjectEntry, config: LintConfig): GovernanceFinding[] {
  const newest = entry.versions.at(-1);
  if (!newest) return [];
  return lintSchema({
    schema: newest.schema,
    text: readFileSync(newest.file, 'utf8'),
    file: newest.file,
    // Confluent's TopicNameStrategy names the key subject `<topic>-key`.
    role: entry.subject.endsWith('-key') ? 'key' : 'value',
    config,
  });
}

/** The subject's compatibility problems placed in its newest file and told in the names of its services. */
export function locateSubjectProblems(entry: SubjectEntry, problems: readonly Problem[]): LocatedProblem[] {
  const newest = entry.versions.at(-1);
  if (!newest || problems.length === 0) return [];
  const services = declaredServices(entry.dir);
  return locateProblems(
    problems,
    { schema: newest.schema, text: readFileSync(newest.file, 'utf8'), file: newest.file },
    (problem) => describeImpact(problem, { candidate: newest.version, topic: entry.topic, services }),
  );
}
