import { describe, expect, it } from 'vitest';
import { formatPath } from '../incompatibility.ts';
import { parseSchema } from '../parse-schema.ts';
import { resolveReaderWriter } from '../resolve-reader-writer.ts';
import { record, type TestField } from '../test-schemas.ts';

const findings = (reader: unknown, writer: unknown) =>
  resolveReaderWriter(parseSchema(reader, 'reader'), parseSchema(writer, 'writer')).map((finding) => ({
    type: finding.type,
    path: formatPath(finding.path),
  }));

const base = [{ name: 'id', type: 'string' }];

describe('record fields', () => {
  it('requires a default for a reader field the writer lacks', () => {
    const reader = record([...base, { name: 'nick', type: 'string' }]);
    expect(findings(reader, record(base))).toEqual([
      { type: 'READER_FIELD_MISSING_DEFAULT_VALUE', path: 'nick' },
    ]);
  });

  it('fills a missing reader field from its default, null included', () => {
    const reader = record([...base, { name: 'nick', type: ['null', 'string'], default: null }]);
    expect(findings(reader, record(base))).toEqual([]);
  });

  it('ignores writer fields the reader does not declare', () => {
    expect(findings(record(base), record([...base, { name: 'extra', type: 'int' }]))).toEqual([]);
  });

  it('matches a renamed field through the reader field aliases', () => {
    const reader = record([{ name: 'userId', type: 'string', aliases: ['id'] }]);
    expect(findings(reader, record(base))).toEqual([]);
  });

  it('does not match writer aliases: only the reader side is consulted', () => {
    const reader = record([{ name: 'userId', type: 'string' }]);
    const writer = record([{ name: 'id', type: 'string', aliases: ['userId'] }]);
    expect(findings(reader, writer)).toEqual([
      { type: 'READER_FIELD_MISSING_DEFAULT_VALUE', path: 'userId' },
    ]);
  });

  it('reports every incompatible field, with nested paths', () => {
    const address = (fields: unknown[]) => ({ type: 'record', name: 'Address', fields });
    const writer = record([
      { name: 'age', type: 'int' },
      { name: 'home', type: address([{ name: 'city', type: 'string' }]) },
      { name: 'tags', type: { type: 'array', items: 'string' } },
    ]);
    const reader = record([
      { name: 'age', type: 'string' },
      {
        name: 'home',
        type: address([
          { name: 'city', type: 'string' },
          { name: 'zip', type: 'string' },
        ]),
      },
      { name: 'tags', type: { type: 'array', items: 'string' } },
    ]);
    expect(findings(reader, writer)).toEqual([
      { type: 'TYPE_MISMATCH', path: 'age' },
      { type: 'READER_FIELD_MISSING_DEFAULT_VALUE', path: 'home.zip' },
    ]);
  });

  it('writes array and map paths as items[].price and prices{}', () => {
    const item = (price: string) => ({
      type: 'record',
      name: 'Item',
      fields: [{ name: 'price', type: price }],
    });
    const reader = record([
      { name: 'items', type: { type: 'array', items: item('int') } },
      { name: 'prices', type: { type: 'map', values: 'int' } },
    ]);
    const writer = record([
      { name: 'items', type: { type: 'array', items: item('double') } },
      { name: 'prices', type: { type: 'map', values: 'string' } },
    ]);
    expect(findings(reader, writer)).toEqual([
      { type: 'TYPE_MISMATCH', path: 'items[].price' },
      { type: 'TYPE_MISMATCH', path: 'prices{}' },
    ]);
  });

  it('checks a recursive record without looping', () => {
    const list = (extra: TestField[]) =>
      record(
        [{ name: 'value', type: 'int' }, { name: 'next', type: ['null', 'Node'], default: null }, ...extra],
        'Node',
      );
    expect(findings(list([{ name: 'label', type: 'string', default: '' }]), list([]))).toEqual([]);
    expect(findings(list([{ name: 'label', type: 'string' }]), list([]))).toEqual([
      { type: 'READER_FIELD_MISSING_DEFAULT_VALUE', path: 'label' },
    ]);
  });
});
