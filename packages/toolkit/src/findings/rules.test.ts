import { describe, expect, it } from 'vitest';
import { historyRules } from '../governance/history/judge-published-changes.ts';
import { allRules } from '../governance/lint/all-rules.ts';
import { rules } from './rules.ts';

describe('the one list of rule ids', () => {
  it('spells every id in kebab-case', () => {
    expect(Object.keys(rules).filter((id) => !/^[a-z]+(-[a-z]+)*$/.test(id))).toEqual([]);
  });

  it('files each lint and history rule under its category', () => {
    for (const rule of allRules) expect(rules[rule.id].category, rule.id).toBe('lint');
    for (const rule of Object.values(historyRules)) expect(rules[rule.id].category, rule.id).toBe('history');
  });
});
