import { basename, dirname, join } from 'node:path';
import type { JSONPath } from 'jsonc-parser';
import { TOPICS_FILE } from '../../catalog/read-catalog-folder.ts';
import { type CompatibilityLevel, isCompatibilityLevel } from '../../compatibility-level.ts';
import { type Finding, findingOf, startOf } from '../../findings/finding.ts';
import type { RuleInfo } from '../lint/rule.ts';
import { sourcePositions } from '../positions/source-positions.ts';
import { isObject } from '../schema-walk.ts';
import { isLooser } from './compatibility-strictness.ts';
import { diffJson } from './json-diff.ts';

/** A file of the schemas folder that the ref has and the working tree has differently, or not at all. */
export interface PublishedChange {
  /** Relative to the schemas folder: `user_register-value/v1.avsc`. */
  path: string;
  /** Relative to the repository root: what `git checkout <ref> -- <path>` takes. */
  repoPath: string;
  before: string;
  /** Undefined when the file is gone from the working tree. */
  after: string | undefined;
}

const SHOWN_CHANGES = 5;

/** What the README and SARIF say about each history rule. */
export const historyRules = {
  changed: {
    id: 'published-version-changed',
    rationale:
      'the registry, the events in the topic and every consumer build hold the published text; an edit forks them',
    fix: 'restore the file from the ref and make the change in a new version file',
  },
  deleted: {
    id: 'published-version-deleted',
    rationale:
      'a deleted version is still in the registry and in the topic: the repository would stop describing them',
    fix: 'restore the file from the ref',
  },
  subjectDeleted: {
    id: 'published-subject-deleted',
    rationale:
      'its events stay in the topic and its versions in the registry; retiring a subject is a decision, not a deletion',
    fix: 'restore the subject folder from the ref',
  },
  topicChanged: {
    id: 'published-topic-changed',
    rationale:
      "a topic's subject-name strategy and key type decide which subjects its events are registered under and which partition they go to: existing events and consumers keep the old ones",
    fix: 'restore the topic declaration; a new strategy or key type means a new topic and a migration',
  },
  loosened: {
    id: 'compatibility-loosened',
    rationale:
      'a looser level silently accepts changes the current producers and consumers were promised would be refused',
    fix: 'keep the stricter level unless every producer and consumer agreed',
  },
} as const satisfies Record<string, RuleInfo>;

/**
 * Judges changes to what the ref published: an edited or deleted version file (.avsc, or the references it
 * pins) and a deleted subject are errors, a looser compatibility level is a warning. Whitespace and key order
 * are not changes (the JSON is the same).
 */
export function judgePublishedChanges(
  changes: readonly PublishedChange[],
  { schemasDir, ref }: { schemasDir: string; ref: string },
): Finding[] {
  const deletedSubjects = new Set(
    changes
      .filter((change) => change.after === undefined && basename(change.path) === 'subject.json')
      .map((change) => dirname(change.path)),
  );
  const findings: Finding[] = [];
  for (const change of changes) {
    const file = join(schemasDir, change.path);
    // A subject's folder, wherever the catalog nests it (shared types may live a level deeper).
    const subject = dirname(change.path);
    if (change.path === TOPICS_FILE) findings.push(...judgeTopicsChange(change, file, ref));
    else if (basename(change.path) === 'subject.json') {
      if (change.after === undefined) {
        findings.push(
          findingOf(historyRules.subjectDeleted.id, {
            message: `subject ${subject} exists at ${ref} and was deleted: its events are in the topic and its versions in the registry`,
            fix: `restore ${subject}/ (a subject is retired by its producers and consumers stopping, not by deleting its history)`,
            location: startOf(file),
          }),
        );
      } else findings.push(...judgeLevelChange(change, file, ref));
    } else if (!deletedSubjects.has(subject)) {
      const finding = judgeVersionChange(change, file, ref);
      if (finding) findings.push(finding);
    }
  }
  return findings;
}

function judgeVersionChange(change: PublishedChange, file: string, ref: string): Finding | undefined {
  if (change.after === undefined) {
    return findingOf(historyRules.deleted.id, {
      message: `${change.repoPath} is published at ${ref} and was deleted`,
      fix: `restore it with \`git checkout ${ref} -- ${change.repoPath}\`: readers and the registry still know that version`,
      location: startOf(file),
    });
  }
  const differences = semanticDifferences(change.before, change.after);
  if (differences.length === 0) return undefined;
  const shown = differences.slice(0, SHOWN_CHANGES).map((difference) => difference.description);
  if (differences.length > SHOWN_CHANGES) shown.push(`and ${differences.length - SHOWN_CHANGES} more`);
  const first = differences[0]?.path ?? [];
  return findingOf(historyRules.changed.id, {
    message: `${change.repoPath} is published at ${ref} and was edited: ${shown.join('; ')}`,
    fix: `restore it (\`git checkout ${ref} -- ${change.repoPath}\`) and make the change in a new version file`,
    location: { file, ...sourcePositions(change.after)(first) },
  });
}

/** JSON differences, or one whole-document difference when either side is not JSON. */
function semanticDifferences(before: string, after: string) {
  try {
    return diffJson(JSON.parse(before), JSON.parse(after));
  } catch {
    return [{ path: [], description: 'the file is no longer the same JSON' }];
  }
}

function judgeLevelChange(change: PublishedChange, file: string, ref: string): Finding[] {
  const before = levelIn(change.before);
  const after = levelIn(change.after ?? '');
  if (!before || !after || !isLooser(after, before)) return [];
  return [
    findingOf(historyRules.loosened.id, {
      message: `compatibility level loosened from ${before} (at ${ref}) to ${after}: changes ${before} refused are now accepted`,
      fix: `keep ${before} unless every producer and consumer agreed to the looser level`,
      location: { file, ...sourcePositions(change.after ?? '')(['compatibility']) },
    }),
  ];
}

function levelIn(text: string): CompatibilityLevel | undefined {
  try {
    const level = (JSON.parse(text) as { compatibility?: unknown }).compatibility;
    return isCompatibilityLevel(level) ? level : undefined;
  } catch {
    return undefined;
  }
}

/** Topics of topics.json: one deleted, or its strategy or key type changed, is an error on that entry. */
function judgeTopicsChange(change: PublishedChange, file: string, ref: string): Finding[] {
  const before = topicsIn(change.before);
  const after = topicsIn(change.after ?? '');
  const at = sourcePositions(change.after ?? '');
  const finding = (path: JSONPath, message: string): Finding =>
    findingOf(historyRules.topicChanged.id, {
      message,
      fix: historyRules.topicChanged.fix,
      location: change.after === undefined ? startOf(file) : { file, ...at(path) },
    });
  const findings: Finding[] = [];
  for (const [topic, was] of Object.entries(before)) {
    const now = after[topic];
    if (!now) {
      findings.push(finding([], `topic ${topic} is declared at ${ref} and was removed from ${TOPICS_FILE}`));
      continue;
    }
    const [strategyBefore, strategyAfter] = [strategyOf(was), strategyOf(now)];
    if (strategyBefore !== strategyAfter)
      findings.push(
        finding(
          [topic, 'strategy'],
          `topic ${topic}: strategy changed from ${strategyBefore} (at ${ref}) to ${strategyAfter}`,
        ),
      );
    const [keyBefore, keyAfter] = [was.key?.type, now.key?.type];
    if (keyBefore !== keyAfter)
      findings.push(
        finding(
          [topic, 'key', 'type'],
          `topic ${topic}: key type changed from ${keyBefore} (at ${ref}) to ${keyAfter}`,
        ),
      );
  }
  return findings;
}

interface DeclaredTopic {
  strategy?: unknown;
  key?: { type?: unknown };
}

function topicsIn(text: string): Record<string, DeclaredTopic> {
  try {
    const json = JSON.parse(text) as unknown;
    return isObject(json) ? (json as Record<string, DeclaredTopic>) : {};
  } catch {
    return {};
  }
}

/** What loadCatalog reads when topics.json leaves the strategy out. */
const strategyOf = (topic: DeclaredTopic) => topic.strategy ?? 'TopicNameStrategy';
