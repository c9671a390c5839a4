import { describe, expect, it } from 'vitest';
import { checkCompatibility } from './check-compatibility.ts';
import { record, withField } from './test-schemas.ts';

const id = { name: 'id', type: 'string' };
const problemsOf = (candidate: unknown, old: unknown) =>
  checkCompatibility({ candidate, history: [old], level: 'FULL' }).problems;

describe('problem explanations', () => {
  it('says a field was added without a default, who cannot read whom, and how to fix it', () => {
    const [problem] = problemsOf(record([id, { name: 'nick', type: 'string' }]), record([id]));
    expect(problem).toEqual({
      version: 1,
      direction: 'BACKWARD',
      path: 'nick',
      kind: 'FIELD_ADDED_WITHOUT_DEFAULT',
      avroType: 'READER_FIELD_MISSING_DEFAULT_VALUE',
      message:
        'field `nick` was added without a default: consumers on the new schema cannot read events written with v1',
      fix: 'give it a default, or make it `["null","string"]` with default null',
    });
  });

  it('says a removed field breaks older readers that had no default for it', () => {
    const [problem] = problemsOf(record([id]), record([id, { name: 'nick', type: 'string' }]));
    expect(problem?.kind).toBe('FIELD_REMOVED_WITHOUT_DEFAULT');
    expect(problem?.message).toBe(
      'field `nick` was removed (or renamed), but v1 declares it without a default: ' +
        'consumers still on v1 cannot read events written with the new schema',
    );
  });

  it('names old and new types of a type change', () => {
    const [backward] = problemsOf(withField('string'), withField('int'));
    expect(backward?.message).toBe(
      '`v` changed from `int` in v1 to `string`: consumers on the new schema cannot read events written with v1',
    );
    expect(backward?.fix).toMatch(/int → long → float → double/);
  });

  it('explains a field that lost its null branch', () => {
    const [problem] = problemsOf(withField('string'), withField(['null', 'string']));
    expect(problem?.message).toMatch(
      /^`v` changed from `\[null, string\]` in v1 to `string`, which cannot read its `null`/,
    );
  });

  it('explains enum symbols in both directions', () => {
    const color = (symbols: string[]) => withField({ type: 'enum', name: 'Color', symbols });
    const [removed] = problemsOf(color(['RED']), color(['RED', 'BLUE']));
    expect(removed?.kind).toBe('MISSING_ENUM_SYMBOL');
    expect(removed?.message).toMatch(/^enum `v` no longer has `BLUE`, which v1 can write/);
    const [added] = problemsOf(color(['RED', 'BLUE']), color(['RED']));
    expect(added?.direction).toBe('FORWARD');
    expect(added?.message).toMatch(
      /^enum `v` gained `BLUE`, which v1 does not know and has no enum default for/,
    );
  });

  it('suggests an alias for a renamed record', () => {
    const [problem] = problemsOf(
      record([id], 'Happening', { namespace: 'ns' }),
      record([id], 'Event', { namespace: 'ns' }),
    );
    expect(problem?.kind).toBe('NAME_MISMATCH');
    expect(problem?.path).toBe('');
    expect(problem?.fix).toBe(
      'keep the name `ns.Event`, or add `"aliases": ["ns.Event"]` to the type in the new schema',
    );
  });

  it('explains union branches added and removed', () => {
    const [removed] = problemsOf(withField(['null', 'string']), withField(['null', 'string', 'int']));
    expect(removed).toMatchObject({ kind: 'MISSING_UNION_BRANCH', direction: 'BACKWARD', path: 'v' });
    expect(removed?.message).toMatch(/^`v` can no longer hold `int`, which v1 can write there/);
  });

  it('explains a fixed size change', () => {
    const hash = (size: number) => withField({ type: 'fixed', name: 'Hash', size });
    const [problem] = problemsOf(hash(32), hash(16));
    expect(problem?.message).toMatch(/^`v` changed size from 16 bytes in v1 to 32 bytes/);
  });
});
