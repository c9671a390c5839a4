import type { SubjectEntry } from '../catalog/load-catalog.ts';
import { parseSchema } from '../compatibility/parse-schema.ts';
import { ContractError } from '../errors.ts';
import type { InvalidSchemaFile } from './check-report.ts';

/** Every version must parse as Avro (names, references, defaults valid for their types), and events are records. */
export function validateSchemaFiles(entry: SubjectEntry): InvalidSchemaFile[] {
  const invalid: InvalidSchemaFile[] = [];
  for (const { version, file, schema } of entry.versions) {
    try {
      const node = parseSchema(schema, `v${version}`);
      if (node.type !== 'record')
        invalid.push({ version, file, message: `v${version} must be a record, not ${node.type}` });
    } catch (error) {
      if (!(error instanceof ContractError)) throw error;
      invalid.push({ version, file, message: error.message });
    }
  }
  return invalid;
}
