import { describe, expect, it } from 'vitest';
import { checkCompatibility } from './check-compatibility.ts';
import { record, withField } from './test-schemas.ts';

const id = { name: 'id', type: 'string' };
const findingsOf = (candidate: unknown, old: unknown) =>
  checkCompatibility({ candidate, history: [old], level: 'FULL' }).findings;

describe('finding explanations', () => {
  it('says a field was added without a default, who cannot read whom, and how to fix it', () => {
    const [problem] = findingsOf(record([id, { name: 'nick', type: 'string' }]), record([id]));
    expect(problem).toEqual({
      ruleId: 'field-added-without-default',
      severity: 'error',
      message:
        'field `nick` was added without a default: consumers on the new schema cannot read events written with v1',
      fix: 'give it a default, or make it `["null","string"]` with default null',
      compatibility: {
        version: 1,
        direction: 'BACKWARD',
        path: 'nick',
        avroType: 'READER_FIELD_MISSING_DEFAULT_VALUE',
      },
    });
  });

  it('says a removed field breaks older readers that had no default for it', () => {
    const [problem] = findingsOf(record([id]), record([id, { name: 'nick', type: 'string' }]));
    expect(problem?.ruleId).toBe('field-removed-without-default');
    expect(problem?.message).toBe(
      'field `nick` was removed (or renamed), but v1 declares it without a default: ' +
        'consumers still on v1 cannot read events written with the new schema',
    );
  });

  it('names old and new types of a type change', () => {
    const [backward] = findingsOf(withField('string'), withField('int'));
    expect(backward?.message).toBe(
      '`v` changed from `int` in v1 to `string`: consumers on the new schema cannot read events written with v1',
    );
    expect(backward?.fix).toMatch(/int → long → float → double/);
  });

  it('explains a field that lost its null branch', () => {
    const [problem] = findingsOf(withField('string'), withField(['null', 'string']));
    expect(problem?.message).toMatch(
      /^`v` changed from `\[null, string\]` in v1 to `string`, which cannot read its `null`/,
    );
  });

  it('explains enum symbols in both directions', () => {
    const color = (symbols: string[]) => withField({ type: 'enum', name: 'Color', symbols });
    const [removed] = findingsOf(color(['RED']), color(['RED', 'BLUE']));
    expect(removed?.ruleId).toBe('missing-enum-symbol');
    expect(removed?.message).toMatch(/^enum `v` no longer has `BLUE`, which v1 can write/);
    const [added] = findingsOf(color(['RED', 'BLUE']), color(['RED']));
    expect(added?.compatibility.direction).toBe('FORWARD');
    expect(added?.message).toMatch(
      /^enum `v` gained `BLUE`, which v1 does not know and has no enum default for/,
    );
  });

  it('suggests an alias for a renamed record', () => {
    const [problem] = findingsOf(
      record([id], 'Happening', { namespace: 'ns' }),
      record([id], 'Event', { namespace: 'ns' }),
    );
    expect(problem?.ruleId).toBe('name-mismatch');
    expect(problem?.compatibility.path).toBe('');
    expect(problem?.fix).toBe(
      'keep the name `ns.Event`, or add `"aliases": ["ns.Event"]` to the type in the new schema',
    );
  });

  it('explains union branches added and removed', () => {
    const [removed] = findingsOf(withField(['null', 'string']), withField(['null', 'string', 'int']));
    expect(removed).toMatchObject({
      ruleId: 'missing-union-branch',
      compatibility: { direction: 'BACKWARD', path: 'v' },
    });
    expect(removed?.message).toMatch(/^`v` can no longer hold `int`, which v1 can write there/);
  });

  it('explains a fixed size change', () => {
    const hash = (size: number) => withField({ type: 'fixed', name: 'Hash', size });
    const [problem] = findingsOf(hash(32), hash(16));
    expect(problem?.message).toMatch(/^`v` changed size from 16 bytes in v1 to 32 bytes/);
  });
});
