import { readFileSync } from 'node:fs';
import type { Catalog } from '../catalog/catalog.ts';
import { locateSchemaPath } from '../governance/positions/locate-schema-path.ts';
import { sourcePositions } from '../governance/positions/source-positions.ts';
import type { CandidateSchema, SourceLocation } from './verdict.ts';

/** The `.avsc` file:line:col of a field of the candidate's schema, from the catalog it was built from. */
export function locateCandidateSchema(
  catalog: Catalog,
  schema: CandidateSchema,
  path: string,
): SourceLocation | undefined {
  const version = catalog.subjects
    .find((entry) => entry.subject === schema.subject)
    ?.versions.find((each) => each.version === schema.version);
  if (!version) return undefined;
  const position = sourcePositions(readFileSync(version.file, 'utf8'))(
    locateSchemaPath(version.schema, path),
  );
  return { file: version.file, ...position };
}
