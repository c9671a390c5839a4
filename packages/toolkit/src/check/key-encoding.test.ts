import { describe, expect, it } from 'vitest';
import { parseSchema } from '../compatibility/parse-schema.ts';
import { keyEncodingChanges } from './key-encoding.ts';

const key = (fields: object[], extra: object = {}) =>
  parseSchema({ type: 'record', name: 'Key', fields, ...extra }, 'key');
const id = { name: 'id', type: 'string' };

describe('keyEncodingChanges', () => {
  it('ignores what does not reach the bytes: docs, names, defaults and aliases', () => {
    const v1 = key([id]);
    const v2 = key([{ ...id, doc: 'The id.', default: '', aliases: ['key'] }], { name: 'Renamed' });
    expect(keyEncodingChanges([v1, v2])).toEqual([]);
  });

  it('flags an added field, even with a default, against every earlier version it differs from', () => {
    const v1 = key([id]);
    const v2 = key([id]);
    const v3 = key([id, { name: 'tenant', type: 'string', default: '' }]);
    expect(keyEncodingChanges([v1, v2, v3]).map((change) => change.version)).toEqual([1, 2]);
  });

  it('flags a type change, a field reorder and an enum symbol reorder', () => {
    const two = [id, { name: 'n', type: 'int' }];
    expect(keyEncodingChanges([key(two), key([id, { name: 'n', type: 'long' }])])).toHaveLength(1);
    expect(keyEncodingChanges([key(two), key([...two].reverse())])).toHaveLength(1);
    const color = (symbols: string[]) => key([{ name: 'c', type: { type: 'enum', name: 'C', symbols } }]);
    expect(keyEncodingChanges([color(['A', 'B']), color(['B', 'A'])])).toHaveLength(1);
  });
});
