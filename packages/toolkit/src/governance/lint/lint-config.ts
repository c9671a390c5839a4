import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JSONPath } from 'jsonc-parser';
import { type Finding, findingOf, startOf } from '../../findings/finding.ts';
import { isRuleId, type RuleId, type Severity } from '../../findings/rules.ts';
import { sourcePositions } from '../positions/source-positions.ts';
import { isObject } from '../schema-walk.ts';
import { ruleIds } from './all-rules.ts';

/** In the schemas folder, beside the subject folders. */
export const LINT_CONFIG_FILE = 'lint.json';

export type RuleSetting = Severity | 'off';

export interface LintConfig {
  /** Namespace prefixes the catalog owns (`events` allows `events` and `events.user`). */
  namespaces: readonly string[];
  /** Overrides of each rule's default severity. */
  rules: ReadonlyMap<RuleId, RuleSetting>;
}

export interface LoadedLintConfig {
  config: LintConfig;
  /** Problems in lint.json itself, with their position in it. */
  findings: Finding[];
}

const SETTINGS = new Set<string>(['error', 'warning', 'off']);
const KEYS = new Set(['$comment', 'namespaces', 'rules']);

/** Reads `<schemasDir>/lint.json` when present; every rule at its default severity otherwise. */
export function loadLintConfig(schemasDir: string): LoadedLintConfig {
  const file = join(schemasDir, LINT_CONFIG_FILE);
  if (!existsSync(file)) return { config: { namespaces: [], rules: new Map() }, findings: [] };
  return parseLintConfig(readFileSync(file, 'utf8'), file);
}

export function parseLintConfig(text: string, file: string): LoadedLintConfig {
  const findings: Finding[] = [];
  const at = sourcePositions(text);
  const problem = (path: JSONPath, message: string, fix: string) =>
    findings.push(findingOf('lint-config', { message, fix, location: { file, ...at(path) } }));
  const rules = new Map<RuleId, RuleSetting>();
  const namespaces: string[] = [];
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    findings.push(
      findingOf('lint-config', {
        message: `${LINT_CONFIG_FILE} is not valid JSON: ${(error as Error).message}`,
        fix: 'fix the JSON syntax',
        location: startOf(file),
      }),
    );
    return { config: { namespaces, rules }, findings };
  }
  if (!isObject(json)) {
    problem([], `${LINT_CONFIG_FILE} must be an object`, 'write `{"namespaces": [...], "rules": {...}}`');
    return { config: { namespaces, rules }, findings };
  }
  for (const key of Object.keys(json).filter((key) => !KEYS.has(key)))
    problem([key], `unknown key "${key}"`, `use only ${[...KEYS].join(', ')}`);
  const declared = json.namespaces ?? [];
  if (!Array.isArray(declared) || declared.some((prefix) => typeof prefix !== 'string' || prefix === ''))
    problem(
      ['namespaces'],
      '"namespaces" must be an array of namespace prefixes',
      'e.g. `"namespaces": ["events"]`',
    );
  else namespaces.push(...declared);
  const settings = json.rules ?? {};
  if (!isObject(settings)) {
    problem(
      ['rules'],
      '"rules" must map rule ids to "error", "warning" or "off"',
      'e.g. `"rules": {"doc-required": "warning"}`',
    );
    return { config: { namespaces, rules }, findings };
  }
  for (const [rule, setting] of Object.entries(settings)) {
    if (!isRuleId(rule) || !ruleIds.has(rule))
      problem(['rules', rule], `unknown rule "${rule}"`, 'use a rule id listed in the toolkit README');
    else if (typeof setting !== 'string' || !SETTINGS.has(setting))
      problem(['rules', rule], `"${rule}" must be "error", "warning" or "off"`, 'set one of the three');
    else rules.set(rule, setting as RuleSetting);
  }
  return { config: { namespaces, rules }, findings };
}
