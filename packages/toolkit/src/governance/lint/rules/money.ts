import { isObject, nonNullBranch } from '../../schema-walk.ts';
import type { LintRule } from '../rule.ts';
import { describeField } from '../rule.ts';

const MONEY_NAME = /(amount|price|cost|total|balance|fee|tax)$/i;
const BINARY_FLOATS = new Set(['float', 'double']);

export const moneyUsesDecimal: LintRule = {
  id: 'money-uses-decimal',
  rationale: 'float and double cannot hold 0.10 exactly; amounts summed by consumers drift by cents',
  fix: 'use `{"type": "bytes", "logicalType": "decimal", "precision": 12, "scale": 2}` (or a long of minor units)',
  check({ walk }) {
    return walk.fields
      .filter((field) => MONEY_NAME.test(field.name))
      .filter((field) => {
        const type = nonNullBranch(field.field.type);
        return BINARY_FLOATS.has((isObject(type) ? type.type : type) as string);
      })
      .map((field) => ({
        path: [...field.path, 'type'],
        message: `${describeField(field)} looks like money but is a binary floating-point number`,
      }));
  },
};
