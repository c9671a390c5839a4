import type { SubjectEntry } from '../catalog/catalog.ts';
import { parseSchema } from '../compatibility/parse-schema.ts';
import type { SchemaNode } from '../compatibility/schema-node.ts';
import { ContractError } from '../errors.ts';
import type { InvalidSchemaFile } from './check-report.ts';

/**
 * Parses every version once (references resolved at their pinned versions), for the compatibility check to
 * reuse: each must parse as Avro (names, defaults valid for their types).
 */
export function parseSchemaFiles(entry: SubjectEntry): {
  schemas: SchemaNode[];
  invalid: InvalidSchemaFile[];
} {
  const schemas: SchemaNode[] = [];
  const invalid: InvalidSchemaFile[] = [];
  for (const { version, file, expanded } of entry.versions) {
    try {
      schemas.push(parseSchema(expanded, `v${version}`));
    } catch (error) {
      if (!(error instanceof ContractError)) throw error;
      invalid.push({ version, file, message: error.message });
    }
  }
  return { schemas, invalid };
}
