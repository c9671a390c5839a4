import { defaultFits } from '../../../compatibility/default-fits.ts';
import { readSchemaJson } from '../../../compatibility/read-schema-json.ts';
import { describeType, type SchemaNode } from '../../../compatibility/schema-node.ts';
import type { LintRule, Violation } from '../rule.ts';
import { describeField } from '../rule.ts';

export const unionDefaultFirstBranch: LintRule = {
  id: 'union-default-first-branch',
  rationale:
    'Avro 1.12 (the registry) takes a union default from any branch, but the Avro specification, avsc (this toolkit’s serde) and older Avro readers only from the first: they refuse the schema',
  fix: 'put the branch of the default first in the union (`["string","null"]` for a string default), or default to the first branch',
  check({ walk }) {
    const violations: Violation[] = [];
    for (const field of walk.fields) {
      const { type, default: value } = field.field;
      if (!Array.isArray(type) || !('default' in field.field)) continue;
      const first = readableBranch(type[0]);
      if (!first || defaultFits(first, value, 'first')) continue;
      violations.push({
        path: [...field.path, 'default'],
        message: `${describeField(field)} defaults to ${JSON.stringify(value)}, which is not its first branch \`${describeType(first)}\`: the registry (Avro 1.12) accepts it, but the Avro specification wants the first branch, and avsc (what this toolkit's serde compiles schemas with) and Avro before 1.12 refuse the schema`,
      });
    }
    return violations;
  },
};

/** The branch as a type, when it is written in place (a reference to a named type is not judged here). */
function readableBranch(branch: unknown): SchemaNode | undefined {
  try {
    return readSchemaJson(branch, 'branch').node;
  } catch {
    return undefined;
  }
}
