import { describe, expect, it } from 'vitest';
import { parseSchema } from '../parse-schema.ts';
import { resolveReaderWriter } from '../resolve-reader-writer.ts';

const color = (symbols: string[], extra: Record<string, unknown> = {}) =>
  parseSchema({ type: 'enum', name: 'Color', symbols, ...extra }, 'enum');

describe('enum symbols', () => {
  it('reads a writer whose symbols the reader all knows', () => {
    expect(resolveReaderWriter(color(['RED', 'GREEN', 'BLUE']), color(['RED', 'GREEN']))).toEqual([]);
  });

  it('lists every writer symbol the reader lacks, sorted', () => {
    const findings = resolveReaderWriter(color(['RED']), color(['RED', 'GREEN', 'BLUE']));
    expect(findings.map((finding) => [finding.type, finding.symbols])).toEqual([
      ['MISSING_ENUM_SYMBOLS', ['BLUE', 'GREEN']],
    ]);
  });

  it('reads unknown symbols as the reader enum default', () => {
    const reader = color(['UNKNOWN', 'RED'], { default: 'UNKNOWN' });
    expect(resolveReaderWriter(reader, color(['UNKNOWN', 'RED', 'BLUE']))).toEqual([]);
  });

  it('gets no help from a default declared only by the writer', () => {
    const writer = color(['UNKNOWN', 'RED', 'BLUE'], { default: 'UNKNOWN' });
    expect(resolveReaderWriter(color(['UNKNOWN', 'RED']), writer).map((f) => f.type)).toEqual([
      'MISSING_ENUM_SYMBOLS',
    ]);
  });
});
