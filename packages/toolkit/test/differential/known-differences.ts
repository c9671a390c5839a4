import type { KnownDifference } from './disagreements.ts';

/**
 * Differences from Java's SchemaCompatibility that are decisions, not defects; each is named in the toolkit README
 * ("Differential tests against Java"). Everything else must agree.
 */
export const verdictKnownDifferences: readonly KnownDifference[] = [];

/** Differences from Java's GenericDatumReader that are not the toolkit's to fix. */
export const valueKnownDifferences: readonly KnownDifference[] = [
  {
    name: 'malformed UTF-8 read as a string',
    reason:
      "bytes written as `bytes` and read as `string` (Avro's bytes→string promotion) that are not UTF-8: Java's String decoder and Node's Buffer#toString put U+FFFD for malformed sequences by different rules; neither keeps the bytes, and valid UTF-8 reads alike",
    matches: (d) => d.class === 'value differs: string (malformed UTF-8 replaced differently)',
  },
];
