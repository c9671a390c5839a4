import { describe, expect, it } from 'vitest';
import type { SubjectRole } from '../../catalog/catalog.ts';
import { schemaRules } from './all-rules.ts';
import type { LintConfig } from './lint-config.ts';
import { lintSchema } from './lint-schema.ts';

const config: LintConfig = { namespaces: ['events'], rules: new Map() };

/** The rule ids a schema breaks, linted as the newest version of a value (or key) subject. */
function rulesBroken(schema: unknown, role: SubjectRole = 'value', previous?: unknown): string[] {
  const text = JSON.stringify(schema, null, 2);
  return [
    ...new Set(
      lintSchema({ schema, text, file: 'v2.avsc', role, config, previous }).map((finding) => finding.ruleId),
    ),
  ];
}

const doc = 'Documented.';
const field = (name: string, type: unknown, extra: Record<string, unknown> = {}) => ({
  name,
  type,
  doc,
  ...extra,
});
const event = (fields: unknown[], extra: Record<string, unknown> = {}) => ({
  type: 'record',
  name: 'UserRegistered',
  namespace: 'events.user',
  doc,
  fields,
  ...extra,
});
const enumType = (extra: Record<string, unknown> = {}) => ({
  type: 'enum',
  name: 'Plan',
  doc,
  symbols: ['FREE', 'PRO_PLUS'],
  default: 'FREE',
  ...extra,
});
const timestamp = { type: 'long', logicalType: 'timestamp-millis' };

/**
 * For each rule: a schema that passes it and one that breaks it (key rules are linted as a key; rules that
 * judge a change are given the version before).
 */
const cases: Record<string, { passes: unknown; fails: unknown; role?: 'key'; previous?: unknown }> = {
  'doc-required': {
    passes: event([field('userId', 'string')]),
    fails: event([{ name: 'userId', type: 'string' }]),
  },
  'type-name-pascal-case': {
    passes: event([field('plan', enumType())]),
    fails: event([field('plan', enumType({ name: 'plan_kind' }))]),
  },
  'field-name-camel-case': {
    passes: event([field('lastLogin', 'string')]),
    fails: event([field('last_login', 'string')]),
  },
  'enum-symbol-upper-snake': {
    passes: event([field('plan', enumType())]),
    fails: event([field('plan', enumType({ symbols: ['FREE', 'proPlus'] }))]),
  },
  'namespace-required': {
    passes: event([field('userId', 'string')]),
    fails: event([field('userId', 'string')], { namespace: undefined }),
  },
  'namespace-prefix': {
    passes: event([field('plan', enumType({ namespace: 'events.billing' }))]),
    fails: event([field('plan', enumType({ namespace: 'billing' }))]),
  },
  'optional-null-default': {
    passes: event([field('nick', ['null', 'string'], { default: null })]),
    fails: event([field('nick', ['string', 'null'], { default: '' })]),
  },
  'union-default-first-branch': {
    passes: event([field('retries', ['string', 'int'], { default: 'none' })]),
    fails: event([field('retries', ['int', 'string'], { default: 'none' })]),
  },
  'time-logical-type': {
    passes: event([field('verifiedAt', ['null', timestamp], { default: null })]),
    fails: event([field('verifiedAt', 'long')]),
  },
  'enum-default': {
    passes: event([field('plan', enumType())]),
    fails: event([field('plan', enumType({ default: undefined }))]),
  },
  'logical-type-valid': {
    passes: event([field('userId', { type: 'string', logicalType: 'uuid' })]),
    fails: event([field('userId', { type: 'long', logicalType: 'uuid' })]),
  },
  'decimal-precision-scale': {
    passes: event([
      field('price', {
        type: 'fixed',
        name: 'Price',
        size: 8,
        logicalType: 'decimal',
        precision: 18,
        scale: 2,
      }),
    ]),
    fails: event([
      field('price', {
        type: 'fixed',
        name: 'Price',
        size: 8,
        logicalType: 'decimal',
        precision: 19,
        scale: 2,
      }),
    ]),
  },
  'logical-type-stable': {
    previous: event([field('shippedOn', { type: 'int', logicalType: 'date' })]),
    passes: event([field('shippedOn', { type: 'int', logicalType: 'date' })]),
    fails: event([field('shippedOn', { type: 'long', logicalType: 'timestamp-millis' })]),
  },
  'key-schema-primitive': {
    passes: event([field('tenantId', 'string'), field('userId', { type: 'string', logicalType: 'uuid' })]),
    fails: event([field('tenantId', 'string'), field('tags', { type: 'map', values: 'string' })]),
    role: 'key',
  },
  'money-uses-decimal': {
    passes: event([field('totalAmount', { type: 'bytes', logicalType: 'decimal', precision: 12, scale: 2 })]),
    fails: event([field('totalAmount', 'double')]),
  },
};

describe('lint rules', () => {
  it('has a passing and a failing case for every rule', () => {
    expect(Object.keys(cases).sort()).toEqual(schemaRules.map((rule) => rule.id).sort());
  });

  for (const rule of schemaRules) {
    const { passes, fails, role = 'value', previous } = cases[rule.id] ?? {};
    it(`${rule.id}: passes a schema that follows it and fails one that does not`, () => {
      expect(rulesBroken(passes, role, previous)).toEqual([]);
      expect(rulesBroken(fails, role, previous)).toEqual([rule.id]);
    });
  }

  it('states a rationale and a fix for every rule', () => {
    for (const rule of schemaRules) {
      expect(rule.rationale.length, rule.id).toBeGreaterThan(20);
      expect(rule.fix.length, rule.id).toBeGreaterThan(10);
    }
  });

  it('finds a missing doc on a nested record, an optional field without a null default, and a nested time field', () => {
    const address = { type: 'record', name: 'Address', fields: [field('zip', 'string')] };
    const schema = event([
      field('address', ['null', address], { default: null }),
      field('nick', ['null', 'string']),
      field('history', {
        type: 'array',
        items: { type: 'record', name: 'Login', doc, fields: [field('loggedAt', 'long')] },
      }),
    ]);
    const findings = lintSchema({
      schema,
      text: JSON.stringify(schema),
      file: 'v1.avsc',
      role: 'value',
      config,
    });
    expect(findings.map((finding) => `${finding.ruleId}: ${finding.message}`)).toEqual(
      expect.arrayContaining([
        'doc-required: record `events.user.Address` has no doc',
        'optional-null-default: optional field `UserRegistered.nick` has no default, not null',
        'time-logical-type: field `Login.loggedAt` looks like a time but has no date/time logical type',
      ]),
    );
  });

  it('takes a primitive key and rejects a union key', () => {
    expect(rulesBroken('string', 'key')).toEqual([]);
    expect(rulesBroken({ type: 'string', logicalType: 'uuid' }, 'key')).toEqual([]);
    expect(rulesBroken(['null', 'string'], 'key')).toEqual(['key-schema-primitive']);
  });

  it('judges a key by the subject role: a nested record is refused in a key subject, fine in a value', () => {
    const key = event([field('order', event([field('orderId', 'string')], { name: 'OrderRef' }))]);
    expect(rulesBroken(key, 'key')).toEqual(['key-schema-primitive']);
    expect(rulesBroken(key, 'value')).toEqual([]);
  });

  it('lints a shared type subject by itself: an enum type with its namespace, doc and default', () => {
    const shared = { ...enumType(), namespace: 'events.common' };
    expect(rulesBroken(shared, 'type')).toEqual([]);
    expect(rulesBroken({ ...shared, namespace: undefined }, 'type')).toEqual(['namespace-required']);
  });

  it('lints a union of event types, as a multi-event topic subject declares it', () => {
    const registered = event([field('userId', 'string')]);
    const deleted = { ...event([field('userId', 'string')]), name: 'user_deleted', doc: undefined };
    expect(rulesBroken([registered, deleted]).sort()).toEqual(['doc-required', 'type-name-pascal-case']);
    expect(rulesBroken(['events.user.UserRegistered', 'events.user.UserDeleted'])).toEqual([]);
  });

  it('explains decimal problems precisely', () => {
    const decimal = (extra: Record<string, unknown>) =>
      event([field('price', { type: 'bytes', logicalType: 'decimal', precision: 10, ...extra })]);
    const messages = (schema: unknown) =>
      lintSchema({ schema, text: JSON.stringify(schema), file: 'v1.avsc', role: 'value', config }).map(
        (f) => f.message,
      );
    expect(messages(decimal({ scale: 11 }))).toEqual([
      'decimal scale 11 must be an integer between 0 and the precision 10',
    ]);
    expect(messages(decimal({ precision: 0 }))).toEqual(['decimal needs an integer precision ≥ 1']);
    expect(
      messages(event([field('price', { type: 'string', logicalType: 'decimal', precision: 4 })])),
    ).toEqual(['decimal must annotate bytes or fixed, not `string`']);
  });
});

describe('rules that judge the change from the version before', () => {
  const messages = (schema: unknown, previous: unknown) =>
    lintSchema({
      schema,
      text: JSON.stringify(schema),
      file: 'v2.avsc',
      role: 'value',
      config,
      previous,
    }).map((f) => `${f.ruleId}: ${f.message}`);

  it('warns that a date field that became timestamp-millis reads its old days as milliseconds', () => {
    const before = event([field('shippedOn', { type: 'int', logicalType: 'date' })]);
    const after = event([
      field('shippedOn', ['null', { type: 'long', logicalType: 'timestamp-millis' }], { default: null }),
    ]);
    expect(messages(after, before)).toEqual([
      'logical-type-stable: field `UserRegistered.shippedOn` was `date` (days since 1970-01-01) in the previous version and is `timestamp-millis` (milliseconds since 1970 (UTC)): readers take the values written before as they are, so they read as another time',
    ]);
  });

  it('follows a renamed field through its aliases and warns about a decimal whose scale changed', () => {
    const price = (name: string, scale: number, extra = {}) =>
      field(name, { type: 'bytes', logicalType: 'decimal', precision: 12, scale }, extra);
    expect(
      messages(event([price('total', 3, { aliases: ['amount'] })]), event([price('amount', 2)])),
    ).toEqual([
      'logical-type-stable: field `UserRegistered.total` was `decimal(scale 2)` (the unscaled number × 10^-2) in the previous version and is `decimal(scale 3)` (the unscaled number × 10^-3): readers take the values written before as they are, so they read as another amount',
    ]);
  });

  it('says nothing about a first version, or a logical type added to a plain number', () => {
    const at = event([field('shippedOn', { type: 'int', logicalType: 'date' })]);
    expect(messages(at, undefined)).toEqual([]);
    expect(messages(at, event([field('shippedOn', 'int')]))).toEqual([]);
  });
});
