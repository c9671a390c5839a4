export type Severity = 'error' | 'warning';

/** Where an id comes from: what a report groups and counts its findings by. */
export type RuleCategory = 'compatibility' | 'lint' | 'history' | 'check';

interface RuleEntry {
  category: RuleCategory;
  /** The severity lint.json starts from; compatibility, history and check findings keep it. */
  severity: Severity;
  /** What the rule reports, in a line (SARIF's short description). */
  summary: string;
}

/**
 * Every id a finding can carry, in one style (kebab-case) and one list, as buf keeps its rule ids: lint.json,
 * `x-lint-ignore`, every output format and the README use these names. Lint and history rules keep their
 * rationale and fix beside their check (`governance/lint/rules/*`, `governance/history/`).
 */
export const rules = {
  'field-added-without-default': {
    category: 'compatibility',
    severity: 'error',
    summary: 'a field one side reads has no default and the other side does not write it',
  },
  'field-removed-without-default': {
    category: 'compatibility',
    severity: 'error',
    summary: 'a field removed (or renamed) that an earlier reader declares without a default',
  },
  'type-mismatch': {
    category: 'compatibility',
    severity: 'error',
    summary: 'a type changed in a way Avro cannot promote',
  },
  'name-mismatch': {
    category: 'compatibility',
    severity: 'error',
    summary: 'a record, enum or fixed type renamed without an alias the reader knows',
  },
  'fixed-size-mismatch': {
    category: 'compatibility',
    severity: 'error',
    summary: 'a fixed type changed size',
  },
  'missing-enum-symbol': {
    category: 'compatibility',
    severity: 'error',
    summary: 'an enum symbol one side writes that the other cannot read, with no enum default',
  },
  'missing-union-branch': {
    category: 'compatibility',
    severity: 'error',
    summary: 'a union branch (or event type) one side writes that the other cannot read',
  },
  'key-encoding-changed': {
    category: 'compatibility',
    severity: 'error',
    summary: 'a key schema under which an earlier key gets other bytes: another partition, lost order',
  },
  'doc-required': { category: 'lint', severity: 'error', summary: 'every field and named type has a doc' },
  'type-name-pascal-case': {
    category: 'lint',
    severity: 'error',
    summary: 'records, enums and fixed types are named in PascalCase',
  },
  'field-name-camel-case': { category: 'lint', severity: 'error', summary: 'fields are named in camelCase' },
  'enum-symbol-upper-snake': {
    category: 'lint',
    severity: 'error',
    summary: 'enum symbols are spelt in UPPER_SNAKE_CASE',
  },
  'namespace-required': {
    category: 'lint',
    severity: 'error',
    summary: 'a top-level named type has a namespace',
  },
  'namespace-prefix': {
    category: 'lint',
    severity: 'error',
    summary: 'namespaces start with a prefix lint.json declares',
  },
  'optional-null-default': {
    category: 'lint',
    severity: 'error',
    summary: 'an optional field is `["null", T]` with `default: null`',
  },
  'union-default-first-branch': {
    category: 'lint',
    severity: 'warning',
    summary: "a union field's default belongs to its first branch",
  },
  'time-logical-type': {
    category: 'lint',
    severity: 'error',
    summary: 'a time field (…At, …Date, …Time) has a time logical type',
  },
  'enum-default': { category: 'lint', severity: 'error', summary: 'every enum has a default symbol' },
  'logical-type-valid': {
    category: 'lint',
    severity: 'error',
    summary: 'logical types are ones Avro defines, on their underlying type',
  },
  'decimal-precision-scale': {
    category: 'lint',
    severity: 'error',
    summary: 'a decimal has a valid precision and scale',
  },
  'logical-type-stable': {
    category: 'lint',
    severity: 'warning',
    summary: 'a field keeps its logical type (and decimal scale) from the version before',
  },
  'key-schema-primitive': {
    category: 'lint',
    severity: 'error',
    summary: 'a key is a primitive or a record of primitives',
  },
  'money-uses-decimal': {
    category: 'lint',
    severity: 'warning',
    summary: 'amounts of money are decimals, not float or double',
  },
  'lint-ignore-reason': {
    category: 'lint',
    severity: 'error',
    summary: 'an `x-lint-ignore` gives its reason',
  },
  'lint-ignore-unknown-rule': {
    category: 'lint',
    severity: 'error',
    summary: 'an `x-lint-ignore` names a rule that exists',
  },
  'lint-ignore-unused': {
    category: 'lint',
    severity: 'warning',
    summary: 'an `x-lint-ignore` suppresses a finding',
  },
  'lint-config': { category: 'lint', severity: 'error', summary: 'lint.json is valid' },
  'published-version-changed': {
    category: 'history',
    severity: 'error',
    summary: 'a version file the ref published was edited',
  },
  'published-version-deleted': {
    category: 'history',
    severity: 'error',
    summary: 'a version file the ref published was deleted',
  },
  'published-subject-deleted': {
    category: 'history',
    severity: 'error',
    summary: 'a subject the ref published was deleted',
  },
  'published-topic-changed': {
    category: 'history',
    severity: 'error',
    summary: 'a published topic was removed, or its strategy or key type changed',
  },
  'compatibility-loosened': {
    category: 'history',
    severity: 'warning',
    summary: "a subject's compatibility level is looser than the ref's",
  },
  'invalid-catalog': { category: 'check', severity: 'error', summary: 'the schemas folder cannot be read' },
  'generated-out-of-date': {
    category: 'check',
    severity: 'error',
    summary: 'generated types differ from what events-generate writes',
  },
  'registry-verdict': {
    category: 'check',
    severity: 'error',
    summary: 'the registry refuses the newest schema, or holds versions the repository lacks',
  },
  'internal-error': {
    category: 'check',
    severity: 'error',
    summary: 'the checker failed on a subject, which was therefore not judged',
  },
} as const satisfies Record<string, RuleEntry>;

export type RuleId = keyof typeof rules;

export function isRuleId(id: string): id is RuleId {
  return Object.hasOwn(rules, id);
}
