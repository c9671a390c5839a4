import { ContractError } from '../errors.ts';
import { readSchemaJson } from './read-schema-json.ts';
import type { SchemaNode } from './schema-node.ts';

const BARE_NAME = /^[A-Za-z_][A-Za-z0-9_.]*$/;

/**
 * Parses and validates one self-contained Avro schema (JSON text or object) the way Avro 1.12's Java parser,
 * which the registry runs, accepts it: names, references and field defaults are checked; logical types are
 * kept beside their underlying types, which schema resolution reads.
 */
export function parseSchema(input: unknown, label: string): SchemaNode {
  let json = input;
  // A bare type name (`long`) is a schema too; any other string must be JSON text.
  if (typeof input === 'string' && !BARE_NAME.test(input)) {
    try {
      json = JSON.parse(input);
    } catch (error) {
      throw new ContractError('INVALID_SCHEMA', `${label} is not valid JSON: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }
  return readSchemaJson(json, label).node;
}
