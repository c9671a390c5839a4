import type { LintRule, Violation } from '../rule.ts';
import { describeField } from '../rule.ts';

export const optionalNullDefault: LintRule = {
  id: 'optional-null-default',
  rationale:
    'an optional field is `["null", T]` with `default: null`: only then can it be added and removed under every level',
  fix: 'put `"null"` first in the union and set `"default": null`',
  check({ walk }) {
    const violations: Violation[] = [];
    for (const field of walk.fields) {
      const type = field.field.type;
      if (!Array.isArray(type) || !type.includes('null')) continue;
      if (type[0] !== 'null') {
        violations.push({
          path: [...field.path, 'type'],
          message: `${describeField(field)} has \`null\` but not first`,
        });
      } else if (field.field.default !== null) {
        const has =
          'default' in field.field ? `default ${JSON.stringify(field.field.default)}` : 'no default';
        violations.push({
          path: field.path,
          message: `optional ${describeField(field)} has ${has}, not null`,
        });
      }
    }
    return violations;
  },
};
