import { describe, expect, it } from 'vitest';
import { parseSchema } from '../parse-schema.ts';
import { resolveReaderWriter } from '../resolve-reader-writer.ts';

const types = (reader: unknown, writer: unknown) =>
  resolveReaderWriter(parseSchema(reader, 'reader'), parseSchema(writer, 'writer')).map(
    (finding) => finding.type,
  );
const named = (name: string, extra: Record<string, unknown> = {}) => ({
  type: 'record',
  name,
  fields: [],
  ...extra,
});

describe('names and aliases of named types', () => {
  it('compares names without their namespaces, as Java does', () => {
    expect(types(named('Event', { namespace: 'a' }), named('Event', { namespace: 'b' }))).toEqual([]);
  });

  it('refuses a renamed record', () => {
    expect(types(named('Happening'), named('Event'))).toEqual(['NAME_MISMATCH']);
  });

  it('accepts a renamed record whose reader aliases name the writer', () => {
    expect(types(named('Happening', { aliases: ['Event'] }), named('Event'))).toEqual([]);
  });

  it("resolves a reader alias in the reader's own namespace", () => {
    const reader = named('Happening', { namespace: 'ns', aliases: ['Event'] });
    expect(types(reader, named('Event'))).toEqual(['NAME_MISMATCH']);
    expect(types(reader, named('Event', { namespace: 'ns' }))).toEqual([]);
  });

  it('applies the same rules to enums and fixed types', () => {
    const color = (name: string, extra = {}) => ({ type: 'enum', name, symbols: ['RED'], ...extra });
    expect(types(color('Colour'), color('Color'))).toEqual(['NAME_MISMATCH']);
    expect(types(color('Colour', { aliases: ['Color'] }), color('Color'))).toEqual([]);
    const hash = (name: string) => ({ type: 'fixed', name, size: 16 });
    expect(types(hash('Digest'), hash('Hash'))).toEqual(['NAME_MISMATCH']);
  });
});
