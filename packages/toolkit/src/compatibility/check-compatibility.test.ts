import { describe, expect, it } from 'vitest';
import { ContractError } from '../errors.ts';
import { checkCompatibility } from './check-compatibility.ts';
import { record, withField } from './test-schemas.ts';

const id = { name: 'id', type: 'string' };
const v1 = record([id]);
const withNick = record([id, { name: 'nick', type: 'string' }]);
const withDefaultedNick = record([id, { name: 'nick', type: 'string', default: '' }]);

const verdict = (
  candidate: unknown,
  history: unknown[],
  level: Parameters<typeof checkCompatibility>[0]['level'],
) => checkCompatibility({ candidate, history, level }).compatible;

describe('checkCompatibility under each level', () => {
  it('BACKWARD: the new schema must read the latest version', () => {
    expect(verdict(withDefaultedNick, [v1], 'BACKWARD')).toBe(true);
    expect(verdict(withNick, [v1], 'BACKWARD')).toBe(false);
    // Removing a field is fine for new readers.
    expect(verdict(v1, [withNick], 'BACKWARD')).toBe(true);
  });

  it('FORWARD: the latest version must read the new schema', () => {
    expect(verdict(withNick, [v1], 'FORWARD')).toBe(true);
    expect(verdict(v1, [withNick], 'FORWARD')).toBe(false);
    expect(verdict(v1, [withDefaultedNick], 'FORWARD')).toBe(true);
  });

  it('FULL: both directions against the latest version', () => {
    expect(verdict(withDefaultedNick, [v1], 'FULL')).toBe(true);
    expect(verdict(withNick, [v1], 'FULL')).toBe(false);
    expect(verdict(v1, [withNick], 'FULL')).toBe(false);
  });

  it('NONE accepts any change, but still rejects an invalid schema', () => {
    expect(verdict(withField('int'), [withField(['null', 'string'])], 'NONE')).toBe(true);
    expect(() => verdict({ type: 'record' }, [v1], 'NONE')).toThrow(ContractError);
  });

  it('accepts any candidate when there is no history', () => {
    expect(checkCompatibility({ candidate: withNick, history: [], level: 'FULL_TRANSITIVE' })).toEqual({
      compatible: true,
      findings: [],
    });
  });

  it('transitive levels fail against an older version that the non-transitive check never sees', () => {
    const history = [v1, withDefaultedNick];
    expect(verdict(withNick, history, 'BACKWARD')).toBe(true);
    const result = checkCompatibility({ candidate: withNick, history, level: 'BACKWARD_TRANSITIVE' });
    expect(
      result.findings.map((p) => [
        p.compatibility.version,
        p.compatibility.direction,
        p.ruleId,
        p.compatibility.path,
      ]),
    ).toEqual([[1, 'BACKWARD', 'field-added-without-default', 'nick']]);
    expect(verdict(withNick, history, 'FULL')).toBe(true);
    expect(verdict(withNick, history, 'FULL_TRANSITIVE')).toBe(false);
  });

  it('FORWARD_TRANSITIVE needs every earlier version to read the new schema', () => {
    // v2 gave `nick` a default, so dropping it suits v2 readers; v1 readers declare it without one.
    const history = [withNick, withDefaultedNick];
    expect(verdict(v1, history, 'FORWARD')).toBe(true);
    const result = checkCompatibility({ candidate: v1, history, level: 'FORWARD_TRANSITIVE' });
    expect(
      result.findings.map((p) => [p.compatibility.version, p.compatibility.direction, p.ruleId]),
    ).toEqual([[1, 'FORWARD', 'field-removed-without-default']]);
  });

  it('checks against the latest version, not any version: only the middle one would make it compatible', () => {
    const history = [v1, withNick, record([id, { name: 'age', type: 'int', default: 0 }])];
    expect(verdict(withNick, history.slice(0, 2), 'BACKWARD')).toBe(true);
    const latest = checkCompatibility({ candidate: withNick, history, level: 'BACKWARD' });
    expect(latest.findings.map((p) => p.compatibility.version)).toEqual([3]);
    const all = checkCompatibility({ candidate: withNick, history, level: 'BACKWARD_TRANSITIVE' });
    expect(all.findings.map((p) => p.compatibility.version)).toEqual([1, 3]);
  });

  it('reports every problem, not only the first', () => {
    const old = record([
      id,
      { name: 'age', type: 'int' },
      { name: 'tags', type: { type: 'array', items: 'string' } },
    ]);
    const candidate = record([
      id,
      { name: 'age', type: 'string' },
      { name: 'tags', type: { type: 'array', items: 'int' } },
      { name: 'nick', type: 'string' },
    ]);
    const result = checkCompatibility({ candidate, history: [old], level: 'FULL' });
    expect(
      result.findings.map((p) => `${p.compatibility.direction} ${p.compatibility.path} ${p.ruleId}`),
    ).toEqual([
      'BACKWARD age type-mismatch',
      'BACKWARD tags[] type-mismatch',
      'BACKWARD nick field-added-without-default',
      'FORWARD age type-mismatch',
      'FORWARD tags[] type-mismatch',
    ]);
  });

  it('takes schemas as JSON text as well as objects', () => {
    expect(verdict(JSON.stringify(withNick), [JSON.stringify(v1)], 'BACKWARD')).toBe(false);
    expect(verdict('long', ['"int"'], 'BACKWARD')).toBe(true);
  });
});

describe('checkCompatibility input errors', () => {
  it('throws INVALID_LEVEL for an unknown level', () => {
    const run = () => checkCompatibility({ candidate: v1, history: [], level: 'SIDEWAYS' as 'NONE' });
    expect(run).toThrow(
      expect.objectContaining({ code: 'INVALID_LEVEL', message: expect.stringMatching(/BACKWARD/) }),
    );
  });

  it('throws INVALID_SCHEMA naming which schema is broken', () => {
    const badDefault = record([{ name: 'n', type: 'int', default: 'zero' }]);
    expect(() => checkCompatibility({ candidate: v1, history: [v1, badDefault], level: 'NONE' })).toThrow(
      /history\[1\] \(v2\) is not a valid Avro schema: invalid default for field n of Event/,
    );
    expect(() => checkCompatibility({ candidate: '{not json', history: [], level: 'NONE' })).toThrow(
      expect.objectContaining({
        code: 'INVALID_SCHEMA',
        message: expect.stringMatching(/candidate schema is not valid JSON/),
      }),
    );
  });
});
