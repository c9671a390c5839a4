import { describe, expect, it } from 'vitest';
import { formatPath } from '../incompatibility.ts';
import { parseSchema } from '../parse-schema.ts';
import { resolveReaderWriter } from '../resolve-reader-writer.ts';

const findings = (reader: unknown, writer: unknown) =>
  resolveReaderWriter(parseSchema(reader, 'reader'), parseSchema(writer, 'writer')).map(
    (finding) => finding.type,
  );

describe('unions', () => {
  it('reads a non-union writer with the first reader branch that can', () => {
    expect(findings(['null', 'string'], 'string')).toEqual([]);
    expect(findings(['null', 'long'], 'int')).toEqual([]);
  });

  it('refuses a non-union writer no reader branch can read', () => {
    expect(findings(['null', 'string'], 'int')).toEqual(['MISSING_UNION_BRANCH']);
  });

  it('needs every writer branch readable by a non-union reader', () => {
    expect(findings('long', ['int', 'long'])).toEqual([]);
    expect(findings('string', ['null', 'string'])).toEqual(['TYPE_MISMATCH']);
  });

  it('needs every writer branch readable by a union reader, whatever the order', () => {
    expect(findings(['string', 'null'], ['null', 'string'])).toEqual([]);
    expect(findings(['null', 'string', 'int'], ['null', 'string'])).toEqual([]);
    expect(findings(['null', 'string'], ['null', 'string', 'int'])).toEqual(['MISSING_UNION_BRANCH']);
  });

  it('explains a record branch that fails by its own findings rather than a missing branch', () => {
    const address = (fields: unknown[]) => ({ type: 'record', name: 'Address', fields });
    const reader = ['null', address([{ name: 'zip', type: 'string' }])];
    const writer = ['null', address([])];
    const result = resolveReaderWriter(parseSchema(reader, 'reader'), parseSchema(writer, 'writer'));
    expect(result.map((finding) => [finding.type, formatPath(finding.path)])).toEqual([
      ['READER_FIELD_MISSING_DEFAULT_VALUE', 'zip'],
    ]);
  });
});
