import type { LintRule } from '../rule.ts';
import { describeType } from '../rule.ts';

export const enumDefault: LintRule = {
  id: 'enum-default',
  rationale:
    'a reader meets a symbol it does not know as an error unless its enum has a `default`: without one, adding a symbol is never forward compatible',
  fix: 'add `"default": "<SYMBOL>"` naming a symbol that means "unknown" or "other"',
  check({ walk }) {
    return walk.types
      .filter((visit) => visit.named && (visit.type as { type?: unknown }).type === 'enum')
      .filter((visit) => typeof (visit.type as { default?: unknown }).default !== 'string')
      .map((visit) => ({ path: visit.path, message: `${describeType(visit)} has no default symbol` }));
  },
};
