import { describe, expect, it } from 'vitest';
import { parseSchema } from '../parse-schema.ts';
import { resolveReaderWriter } from '../resolve-reader-writer.ts';

const types = (reader: unknown, writer: unknown) =>
  resolveReaderWriter(parseSchema(reader, 'reader'), parseSchema(writer, 'writer')).map(
    (finding) => finding.type,
  );

describe('arrays and maps', () => {
  it('resolves array items and map values recursively, promotions included', () => {
    expect(types({ type: 'array', items: 'long' }, { type: 'array', items: 'int' })).toEqual([]);
    expect(types({ type: 'map', values: 'double' }, { type: 'map', values: 'float' })).toEqual([]);
  });

  it('refuses items or values that cannot be read', () => {
    expect(types({ type: 'array', items: 'int' }, { type: 'array', items: 'string' })).toEqual([
      'TYPE_MISMATCH',
    ]);
    expect(types({ type: 'map', values: 'int' }, { type: 'map', values: 'long' })).toEqual(['TYPE_MISMATCH']);
  });

  it('never reads a map as an array or the other way round', () => {
    expect(types({ type: 'array', items: 'int' }, { type: 'map', values: 'int' })).toEqual(['TYPE_MISMATCH']);
    expect(types({ type: 'map', values: 'int' }, { type: 'array', items: 'int' })).toEqual(['TYPE_MISMATCH']);
  });
});
