import type { LintRule, Violation } from '../rule.ts';
import { describeField, describeType } from '../rule.ts';

const DOCUMENTED_KINDS = new Set(['record', 'error', 'enum']);

const hasDoc = (node: Record<string, unknown>) => typeof node.doc === 'string' && node.doc.trim() !== '';

export const docRequired: LintRule = {
  id: 'doc-required',
  rationale:
    'producers and consumers are different teams: the schema is the only place the meaning of a field is written down',
  fix: 'add a `doc` saying what it means, its unit or format, and when it is null',
  check({ walk }) {
    const violations: Violation[] = [];
    for (const visit of walk.types) {
      const node = visit.type as Record<string, unknown>;
      if (!visit.named || !DOCUMENTED_KINDS.has(node.type as string) || hasDoc(node)) continue;
      violations.push({ path: visit.path, message: `${describeType(visit)} has no doc` });
    }
    for (const field of walk.fields) {
      if (!hasDoc(field.field))
        violations.push({ path: field.path, message: `${describeField(field)} has no doc` });
    }
    return violations;
  },
};
