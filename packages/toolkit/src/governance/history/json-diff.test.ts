import { describe, expect, it } from 'vitest';
import { diffJson } from './json-diff.ts';

describe('diffJson', () => {
  it('finds nothing between equal JSON in another key order', () => {
    expect(diffJson({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toEqual([]);
  });

  it('lists each change with its path, old and new value', () => {
    const before = { fields: [{ name: 'id', doc: 'x' }, { name: 'age' }] };
    const after = { fields: [{ name: 'id', doc: 'y' }], doc: 'new' };
    expect(diffJson(before, after)).toEqual([
      { path: ['fields', 0, 'doc'], description: 'fields[0].doc: "x" → "y"' },
      { path: ['fields', 1], description: 'fields[1] removed ({"name":"age"})' },
      { path: ['doc'], description: 'doc added ("new")' },
    ]);
  });

  it('treats array order as a change', () => {
    expect(diffJson(['null', 'string'], ['string', 'null']).map((change) => change.description)).toEqual([
      '[0]: "null" → "string"',
      '[1]: "string" → "null"',
    ]);
  });
});
