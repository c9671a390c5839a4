import { describe, expect, it } from 'vitest';
import { unconvertedLogicalTypes } from './unconverted-logical-types.ts';

describe('unconvertedLogicalTypes', () => {
  it('leaves out a logical type the serde converts', () => {
    expect(unconvertedLogicalTypes({ type: 'int', logicalType: 'date' }, false)).toEqual([]);
  });

  it('notes a known logical type on a primitive it does not annotate, which the serde reads as that primitive', () => {
    expect(unconvertedLogicalTypes({ type: 'long', logicalType: 'date' }, false)).toEqual([
      'Avro date: not converted by the serde, the value is the underlying long.',
    ]);
  });
});
