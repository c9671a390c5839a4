import { describe, expect, it } from 'vitest';
import { parseSchema } from '../compatibility/parse-schema.ts';
import { keyEncodingChanges } from './key-encoding.ts';

const key = (fields: object[], extra: object = {}) =>
  parseSchema({ type: 'record', name: 'Key', fields, ...extra }, 'key');
const id = { name: 'id', type: 'string' };
const reasons = (...versions: ReturnType<typeof key>[]) =>
  keyEncodingChanges(versions).map((change) => /\((.*)\): the same key/.exec(change.message)?.[1]);

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
    const against = keyEncodingChanges([v1, v2, v3]).map(
      (finding) => /from (v\d+)/.exec(finding.message)?.[1],
    );
    expect(against).toEqual(['v1', 'v2']);
    expect(reasons(v1, v3)).toEqual(['`tenant` was added']);
  });

  it('flags two fields of the same type that swapped places: each key writes its values in the other order', () => {
    const account = { name: 'accountId', type: 'string' };
    const payment = { name: 'paymentId', type: 'string' };
    expect(reasons(key([account, payment]), key([payment, account]))).toEqual([
      '`paymentId` moved from position 2 to 1',
    ]);
  });

  it('follows a field renamed through an alias in its place, which keeps the bytes', () => {
    const renamed = { name: 'key', type: 'string', aliases: ['id'] };
    expect(
      keyEncodingChanges([key([id, { name: 'n', type: 'int' }]), key([renamed, { name: 'n', type: 'int' }])]),
    ).toEqual([]);
  });

  it('flags a type change but not int to long, which writes the same zig-zag varint', () => {
    const n = (type: unknown) => key([id, { name: 'n', type }]);
    expect(reasons(n('int'), n('string'))).toEqual(['`n` changed from int to string']);
    expect(reasons(n('float'), n('double'))).toEqual(['`n` changed from float to double']);
    expect(keyEncodingChanges([n('int'), n('long')])).toEqual([]);
  });

  it('flags a logical type whose unit or scale writes one value as another number', () => {
    const at = (logicalType: string) => key([{ name: 'at', type: { type: 'long', logicalType } }]);
    expect(reasons(at('timestamp-millis'), at('timestamp-micros'))).toEqual([
      '`at` changed from timestamp-millis to timestamp-micros',
    ]);
    const price = (scale: number) =>
      key([{ name: 'price', type: { type: 'bytes', logicalType: 'decimal', precision: 9, scale } }]);
    expect(reasons(price(2), price(3))).toEqual([
      '`price` changed from decimal (scale 2) to decimal (scale 3)',
    ]);
  });

  it('flags enum symbols and union branches that moved, not ones appended', () => {
    const color = (symbols: string[]) => key([{ name: 'c', type: { type: 'enum', name: 'C', symbols } }]);
    expect(reasons(color(['A', 'B']), color(['B', 'A']))).toEqual([
      '`c` no longer writes symbol A at index 0',
    ]);
    expect(keyEncodingChanges([color(['A', 'B']), color(['A', 'B', 'C'])])).toEqual([]);
    const tag = (type: unknown) => key([{ name: 't', type }]);
    expect(keyEncodingChanges([tag(['null', 'string']), tag(['null', 'string', 'long'])])).toEqual([]);
    expect(reasons(tag(['null', 'string']), tag(['string', 'null']))).toEqual([
      '`t` no longer writes null as branch 0: `t` changed from null to string',
    ]);
  });
});
