import { describe, expect, it } from 'vitest';
import { parseSchema } from '../parse-schema.ts';
import { resolveReaderWriter } from '../resolve-reader-writer.ts';

const fixed = (size: number) => parseSchema({ type: 'fixed', name: 'Hash', size }, 'fixed');

describe('fixed sizes', () => {
  it('reads a fixed of the same size', () => {
    expect(resolveReaderWriter(fixed(16), fixed(16))).toEqual([]);
  });

  it('refuses a fixed of another size, in both directions', () => {
    expect(resolveReaderWriter(fixed(32), fixed(16)).map((f) => f.type)).toEqual(['FIXED_SIZE_MISMATCH']);
    expect(resolveReaderWriter(fixed(16), fixed(32)).map((f) => f.type)).toEqual(['FIXED_SIZE_MISMATCH']);
  });
});
