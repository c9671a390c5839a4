import { describe, expect, it } from 'vitest';
import type { LintConfig } from './lint-config.ts';
import { lintSchema } from './lint-schema.ts';

const config: LintConfig = { namespaces: [], rules: new Map() };

function lint(fieldExtra: Record<string, unknown>) {
  const schema = {
    type: 'record',
    name: 'Payment',
    namespace: 'events.billing',
    doc: 'A payment.',
    fields: [
      { name: 'paidAt', type: 'long', doc: 'Epoch millis, kept for the legacy ledger.', ...fieldExtra },
      { name: 'id', type: 'string', doc: 'Payment id.' },
    ],
  };
  const text = JSON.stringify(schema, null, 2);
  return lintSchema({ schema, text, file: 'v2.avsc', role: 'value', config }).map(
    ({ ruleId, severity, location }) => ({ rule: ruleId, severity, line: location?.line }),
  );
}

describe('x-lint-ignore', () => {
  it('suppresses the named rule on that field when it gives a reason', () => {
    expect(lint({})).toEqual([{ rule: 'time-logical-type', severity: 'error', line: 9 }]);
    expect(lint({ 'x-lint-ignore': { 'time-logical-type': 'the ledger reads raw epoch millis' } })).toEqual(
      [],
    );
  });

  it('reports an ignore without a reason, on its line, and does not suppress anything', () => {
    expect(lint({ 'x-lint-ignore': { 'time-logical-type': ' ' } })).toEqual([
      { rule: 'time-logical-type', severity: 'error', line: 9 },
      { rule: 'lint-ignore-reason', severity: 'error', line: 12 },
    ]);
    expect(lint({ 'x-lint-ignore': ['time-logical-type'] })).toContainEqual({
      rule: 'lint-ignore-reason',
      severity: 'error',
      line: 11,
    });
  });

  it('reports an ignore naming an unknown rule, and one that suppresses nothing', () => {
    expect(lint({ 'x-lint-ignore': { 'time-logical-type': 'legacy', 'no-such-rule': 'why' } })).toEqual([
      { rule: 'lint-ignore-unknown-rule', severity: 'error', line: 13 },
    ]);
    expect(lint({ 'x-lint-ignore': { 'time-logical-type': 'legacy', 'doc-required': 'why' } })).toEqual([
      { rule: 'lint-ignore-unused', severity: 'warning', line: 13 },
    ]);
  });

  it('follows lint.json: a rule turned off reports nothing, a changed severity is used', () => {
    const run = (rules: LintConfig['rules']) => {
      const schema = {
        type: 'record',
        name: 'Payment',
        namespace: 'events',
        doc: 'd',
        fields: [{ name: 'paidAt', type: 'long', doc: 'd' }],
      };
      return lintSchema({
        schema,
        text: JSON.stringify(schema),
        file: 'v1.avsc',
        role: 'value',
        config: { namespaces: [], rules },
      });
    };
    expect(run(new Map([['time-logical-type', 'off']]))).toEqual([]);
    expect(run(new Map([['time-logical-type', 'warning']])).map((finding) => finding.severity)).toEqual([
      'warning',
    ]);
  });
});
