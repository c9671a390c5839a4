import { ContractError } from '../../errors.ts';
import type { Incompatibility, Resolve } from '../incompatibility.ts';
import type { FieldNode, RecordNode } from '../schema-node.ts';
import { checkNames } from './names.ts';

/** Each reader field is filled from the writer field with its name or one of its aliases, else from its default. */
export function checkRecord(
  reader: RecordNode,
  writer: RecordNode,
  path: readonly string[],
  resolve: Resolve,
): Incompatibility[] {
  const findings = checkNames(reader, writer, path);
  for (const field of reader.fields) {
    const fieldPath = [...path, field.name];
    const writerField = lookupWriterField(writer, field);
    if (writerField) {
      findings.push(...resolve(field.type, writerField.type, fieldPath));
    } else if (!field.hasDefault) {
      findings.push({ type: 'READER_FIELD_MISSING_DEFAULT_VALUE', path: fieldPath, reader, writer, field });
    }
  }
  return findings;
}

function lookupWriterField(writer: RecordNode, readerField: FieldNode): FieldNode | undefined {
  const candidates = [readerField.name, ...readerField.aliases]
    .map((name) => writer.fields.find((field) => field.name === name))
    .filter((field): field is FieldNode => field !== undefined);
  if (candidates.length > 1) {
    // Java's SchemaCompatibility throws here too: the reader field is ambiguous, not merely incompatible.
    throw new ContractError(
      'INVALID_SCHEMA',
      `reader field "${readerField.name}" matches several fields of record ${writer.fullName} through its aliases`,
    );
  }
  return candidates[0];
}
