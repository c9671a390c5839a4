import type { LintRule, Violation } from '../rule.ts';
import { describeField, describeType } from '../rule.ts';

const PASCAL_CASE = /^[A-Z][A-Za-z0-9]*$/;
const CAMEL_CASE = /^[a-z][A-Za-z0-9]*$/;
const UPPER_SNAKE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;

export const typeNamePascalCase: LintRule = {
  id: 'type-name-pascal-case',
  rationale:
    'generated types in every language are named after the Avro name; one convention reads as one catalog',
  fix: 'name records, enums and fixed types in PascalCase (`UserRegistered`), with an alias if already published',
  check({ walk }) {
    return walk.types
      .filter((visit) => visit.named && !PASCAL_CASE.test(visit.named.name))
      .map((visit) => ({ path: visit.path, message: `${describeType(visit)} is not PascalCase` }));
  },
};

export const fieldNameCamelCase: LintRule = {
  id: 'field-name-camel-case',
  rationale:
    'fields become properties in generated code; mixed styles make every consumer guess the spelling',
  fix: 'name fields in camelCase (`registeredAt`); renaming a published field needs an alias',
  check({ walk }) {
    return walk.fields
      .filter((field) => !CAMEL_CASE.test(field.name))
      .map((field) => ({ path: field.path, message: `${describeField(field)} is not camelCase` }));
  },
};

export const enumSymbolUpperSnake: LintRule = {
  id: 'enum-symbol-upper-snake',
  rationale:
    'symbols are constants in every generated language; UPPER_SNAKE keeps them apart from names and values',
  fix: 'spell enum symbols in UPPER_SNAKE_CASE (`EMAIL_VERIFIED`)',
  check({ walk }) {
    const violations: Violation[] = [];
    for (const visit of walk.types) {
      const symbols = (visit.type as { symbols?: unknown }).symbols;
      if (!visit.named || !Array.isArray(symbols)) continue;
      symbols.forEach((symbol, index) => {
        if (typeof symbol === 'string' && !UPPER_SNAKE.test(symbol)) {
          violations.push({
            path: [...visit.path, 'symbols', index],
            message: `${describeType(visit)} symbol \`${symbol}\` is not UPPER_SNAKE_CASE`,
          });
        }
      });
    }
    return violations;
  },
};
