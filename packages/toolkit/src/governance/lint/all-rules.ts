import { ignoreRules } from './ignores.ts';
import type { LintRule, RuleInfo } from './rule.ts';
import { docRequired } from './rules/docs.ts';
import { enumDefault } from './rules/enum-default.ts';
import { keySchemaPrimitive } from './rules/key-schema.ts';
import { logicalTypeStable } from './rules/logical-type-stable.ts';
import { decimalPrecisionScale, logicalTypeValid } from './rules/logical-types.ts';
import { moneyUsesDecimal } from './rules/money.ts';
import { namespacePrefix, namespaceRequired } from './rules/namespaces.ts';
import { enumSymbolUpperSnake, fieldNameCamelCase, typeNamePascalCase } from './rules/naming.ts';
import { optionalNullDefault } from './rules/optional-fields.ts';
import { timeLogicalType } from './rules/time-fields.ts';
import { unionDefaultFirstBranch } from './rules/union-default.ts';

/** The rules that look at a schema, in the order the README lists them. */
export const schemaRules: readonly LintRule[] = [
  docRequired,
  typeNamePascalCase,
  fieldNameCamelCase,
  enumSymbolUpperSnake,
  namespaceRequired,
  namespacePrefix,
  optionalNullDefault,
  unionDefaultFirstBranch,
  timeLogicalType,
  enumDefault,
  logicalTypeValid,
  decimalPrecisionScale,
  logicalTypeStable,
  keySchemaPrimitive,
  moneyUsesDecimal,
];

/** Every rule lint.json and `x-lint-ignore` may name. */
export const allRules: readonly RuleInfo[] = [...schemaRules, ...Object.values(ignoreRules)];

export const ruleIds: ReadonlySet<string> = new Set(allRules.map((rule) => rule.id));
