import { describe, expect, it } from 'vitest';
import { parseSchema } from '../parse-schema.ts';
import { resolveReaderWriter } from '../resolve-reader-writer.ts';

const readable = (reader: string, writer: string) =>
  resolveReaderWriter(parseSchema(reader, 'reader'), parseSchema(writer, 'writer')).length === 0;

describe('numeric and string promotions', () => {
  it.each([
    ['long', 'int'],
    ['float', 'int'],
    ['float', 'long'],
    ['double', 'int'],
    ['double', 'long'],
    ['double', 'float'],
    ['bytes', 'string'],
    ['string', 'bytes'],
  ])('lets a %s reader read a %s writer', (reader, writer) => {
    expect(readable(reader, writer)).toBe(true);
  });

  it.each([
    ['int', 'long'],
    ['long', 'float'],
    ['float', 'double'],
    ['int', 'string'],
    ['boolean', 'int'],
    ['null', 'string'],
  ])('refuses a %s reader for a %s writer', (reader, writer) => {
    const findings = resolveReaderWriter(parseSchema(reader, 'reader'), parseSchema(writer, 'writer'));
    expect(findings.map((finding) => finding.type)).toEqual(['TYPE_MISMATCH']);
  });

  it('reads logical types as their underlying types', () => {
    const millis = { type: 'long', logicalType: 'timestamp-millis' };
    const micros = { type: 'long', logicalType: 'timestamp-micros' };
    expect(resolveReaderWriter(parseSchema(micros, 'reader'), parseSchema(millis, 'writer'))).toEqual([]);
  });
});
