import { checkCompatibility } from '../compatibility/check-compatibility.ts';

export interface ResolutionProblem {
  path: string;
  message: string;
  fix: string;
}

/** Avro schema resolution, by the checker `schemas:check` runs: can `reader` read data written with `writer`? */
export function readerReadsWriter(reader: unknown, writer: unknown): ResolutionProblem[] {
  // BACKWARD with the reader as the "new" schema and the writer as its one earlier version is exactly that read.
  const { findings } = checkCompatibility({ candidate: reader, history: [writer], level: 'BACKWARD' });
  return findings.map(({ compatibility, message, fix }) => ({
    path: compatibility.path,
    message:
      compatibility.avroType === 'READER_FIELD_MISSING_DEFAULT_VALUE'
        ? `the reader needs field \`${compatibility.path}\`, which the writer does not write, and it has no default`
        : inReaderWriterTerms(message),
    fix: fix ?? 'make the reader able to read the writer (defaults, aliases, union branches)',
  }));
}

// The checker words its findings as a new version against v1; here v1 is the writer and the new one the reader.
function inReaderWriterTerms(message: string): string {
  return message
    .replace(/: consumers on the new schema .*$/, '')
    .replaceAll(/\bv1\b/g, "the writer's schema");
}
