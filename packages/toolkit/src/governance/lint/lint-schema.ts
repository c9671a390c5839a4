import type { SubjectRole } from '../../catalog/catalog.ts';
import type { Finding, Location } from '../../findings/finding.ts';
import { type RuleId, rules } from '../../findings/rules.ts';
import { sourcePositions } from '../positions/source-positions.ts';
import { walkSchema } from '../schema-walk.ts';
import { allRules, ruleIds, schemaRules } from './all-rules.ts';
import { applyIgnores } from './ignores.ts';
import type { LintConfig } from './lint-config.ts';
import type { RuleInfo, Violation } from './rule.ts';

export interface LintInput {
  /** The parsed .avsc. */
  schema: unknown;
  /** Its text, for line and column; only parsed when there is a finding. */
  text: string;
  file: string;
  role: SubjectRole;
  config: LintConfig;
  /** The version before, as written, for the rules that judge a change. */
  previous?: unknown;
}

const rulesById = new Map<RuleId, RuleInfo>(allRules.map((rule) => [rule.id, rule]));

/** Every lint finding of one schema, after lint.json settings and the schema's own `x-lint-ignore`s. */
export function lintSchema({ schema, text, file, role, config, previous }: LintInput): Finding[] {
  const walk = walkSchema(schema);
  const target = { schema, walk, role, namespaces: config.namespaces, previous };
  const violations = new Map<RuleId, Violation[]>();
  for (const rule of schemaRules) {
    if (config.rules.get(rule.id) !== 'off') violations.set(rule.id, rule.check(target));
  }
  const { kept, about } = applyIgnores(walk, violations, ruleIds);
  const at = sourcePositions(text);
  const findings: (Finding & { location: Location })[] = [];
  for (const [id, found] of [...kept, ...about]) {
    const rule = rulesById.get(id);
    const severity = config.rules.get(id) ?? rules[id].severity;
    if (!rule || severity === 'off') continue;
    for (const { path, message } of found) {
      findings.push({ ruleId: id, severity, message, fix: rule.fix, location: { file, ...at(path) } });
    }
  }
  return findings.sort((a, b) => a.location.line - b.location.line || a.location.column - b.location.column);
}
