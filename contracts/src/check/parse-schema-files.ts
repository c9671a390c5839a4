import type { SubjectEntry } from '../catalog/load-catalog.ts';
import { readSchemaJson } from '../compatibility/read-schema-json.ts';
import type { SchemaNode } from '../compatibility/schema-node.ts';
import { ContractError } from '../errors.ts';
import { startOf } from '../governance/finding.ts';
import type { InvalidSchemaFile } from './check-report.ts';

/**
 * Parses every version once, for the compatibility check to reuse: each must be valid Avro (names, references,
 * defaults valid for their types), and events are records. Read without building avsc's codecs, which
 * dominated the check's time on a large catalog (codegen still builds them for the newest versions).
 */
export function parseSchemaFiles(entry: SubjectEntry): {
  schemas: SchemaNode[];
  invalid: InvalidSchemaFile[];
} {
  const schemas: SchemaNode[] = [];
  const invalid: InvalidSchemaFile[] = [];
  for (const { version, file, schema } of entry.versions) {
    try {
      const node = readSchemaJson(schema, `v${version}`);
      schemas.push(node);
      if (node.type !== 'record')
        invalid.push({
          version,
          ...startOf(file),
          message: `v${version} must be a record, not ${node.type}`,
        });
    } catch (error) {
      if (!(error instanceof ContractError)) throw error;
      invalid.push({ version, ...startOf(file), message: error.message });
    }
  }
  return { schemas, invalid };
}
