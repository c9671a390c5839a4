import type { SubjectEntry } from '../catalog/catalog.ts';
import { nodeOfType } from '../compatibility/parse-schema.ts';
import type { SchemaNode } from '../compatibility/schema-node.ts';
import { ContractError } from '../errors.ts';
import type { InvalidSchemaFile } from './check-report.ts';

/**
 * The schema node of every version, from the Types the catalog loader built (references resolved at their
 * pinned versions), for the compatibility check to reuse.
 */
export function parseSchemaFiles(entry: SubjectEntry): {
  schemas: SchemaNode[];
  invalid: InvalidSchemaFile[];
} {
  const schemas: SchemaNode[] = [];
  const invalid: InvalidSchemaFile[] = [];
  for (const { version, file, type } of entry.versions) {
    try {
      schemas.push(nodeOfType(type));
    } catch (error) {
      if (!(error instanceof ContractError)) throw error;
      invalid.push({ version, file, message: error.message });
    }
  }
  return { schemas, invalid };
}
