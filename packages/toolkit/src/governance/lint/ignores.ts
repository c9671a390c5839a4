import type { JSONPath } from 'jsonc-parser';
import type { RuleId } from '../../findings/rules.ts';
import { isObject, type SchemaWalk } from '../schema-walk.ts';
import type { RuleInfo, Violation } from './rule.ts';

/** `"x-lint-ignore": {"rule-id": "reason"}` on a field or type object: Avro keeps unknown attributes. */
export const IGNORE_KEY = 'x-lint-ignore';

export const ignoreRules = {
  reason: {
    id: 'lint-ignore-reason',
    rationale: 'an exception nobody explained cannot be reviewed or ever removed',
    fix: `write the ignore as \`"${IGNORE_KEY}": {"rule-id": "why this field is an exception"}\``,
  },
  unknownRule: {
    id: 'lint-ignore-unknown-rule',
    rationale: 'a misspelt rule id silently ignores nothing while looking like an accepted exception',
    fix: 'use a rule id listed in the toolkit README',
  },
  unused: {
    id: 'lint-ignore-unused',
    rationale: 'an ignore that suppresses nothing is stale and hides the next real finding at that place',
    fix: 'remove the ignore',
  },
} as const satisfies Record<string, RuleInfo>;

interface Ignore {
  rule: string;
  /** Where the object carrying the ignore is: it covers that object and everything inside it. */
  scope: JSONPath;
  /** Where the entry itself is, for findings about the ignore. */
  entry: JSONPath;
  explained: boolean;
  used: boolean;
}

export interface IgnoreOutcome {
  /** The violations no explained ignore covers. */
  kept: Map<RuleId, Violation[]>;
  /** Findings about the ignores themselves, by rule id. */
  about: Map<RuleId, Violation[]>;
}

/** Drops violations an explained ignore covers and reports ignores without a reason, unknown or unused. */
export function applyIgnores(
  walk: SchemaWalk,
  violations: Map<RuleId, Violation[]>,
  knownRules: ReadonlySet<string>,
): IgnoreOutcome {
  const about = new Map<RuleId, Violation[]>(Object.values(ignoreRules).map((rule) => [rule.id, []]));
  const report = (rule: RuleInfo, violation: Violation) => about.get(rule.id)?.push(violation);
  const ignores = collectIgnores(walk, (path) =>
    report(ignoreRules.reason, { path, message: `\`${IGNORE_KEY}\` must map rule ids to reasons` }),
  );
  const kept = new Map<RuleId, Violation[]>();
  for (const [rule, found] of violations) {
    kept.set(
      rule,
      found.filter((violation) => {
        const ignore = ignores.find((candidate) => covers(candidate, rule, violation.path));
        if (ignore) ignore.used = true;
        return !ignore;
      }),
    );
  }
  for (const ignore of ignores) {
    if (!knownRules.has(ignore.rule))
      report(ignoreRules.unknownRule, {
        path: ignore.entry,
        message: `ignore names an unknown rule \`${ignore.rule}\``,
      });
    else if (!ignore.explained)
      report(ignoreRules.reason, {
        path: ignore.entry,
        message: `ignore of \`${ignore.rule}\` gives no reason`,
      });
    else if (!ignore.used)
      report(ignoreRules.unused, {
        path: ignore.entry,
        message: `ignore of \`${ignore.rule}\` suppresses nothing here`,
      });
  }
  return { kept, about };
}

function collectIgnores(walk: SchemaWalk, malformed: (path: JSONPath) => void): Ignore[] {
  const carriers = [
    ...walk.fields.map((field) => ({ node: field.field, path: field.path })),
    ...walk.types
      .filter((visit) => isObject(visit.type))
      .map((visit) => ({ node: visit.type as object, path: visit.path })),
  ];
  const ignores: Ignore[] = [];
  for (const { node, path } of carriers) {
    if (!(IGNORE_KEY in node)) continue;
    const entries = (node as Record<string, unknown>)[IGNORE_KEY];
    if (!isObject(entries)) {
      malformed([...path, IGNORE_KEY]);
      continue;
    }
    for (const [rule, reason] of Object.entries(entries)) {
      const explained = typeof reason === 'string' && reason.trim() !== '';
      ignores.push({ rule, scope: path, entry: [...path, IGNORE_KEY, rule], explained, used: false });
    }
  }
  return ignores;
}

function covers(ignore: Ignore, rule: string, path: JSONPath): boolean {
  return (
    ignore.explained &&
    ignore.rule === rule &&
    ignore.scope.every((segment, index) => path[index] === segment)
  );
}
