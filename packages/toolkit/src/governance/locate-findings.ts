import type { JSONPath } from 'jsonc-parser';
import type { CompatibilityDetails, CompatibilityFinding } from '../findings/finding.ts';
import { locateSchemaPath, pathSegments } from './positions/locate-schema-path.ts';
import { sourcePositions } from './positions/source-positions.ts';

/**
 * Places each compatibility finding on the field, type or union branch it names in the candidate file, and adds
 * whom it hurts where that is known.
 */
export function locateFindings(
  findings: readonly CompatibilityFinding[],
  candidate: { schema: unknown; text: string; file: string },
  impactOf: (details: CompatibilityDetails) => string | undefined,
): CompatibilityFinding[] {
  const at = sourcePositions(candidate.text);
  return findings.map((finding) => {
    const details = finding.compatibility;
    const impact = impactOf(details);
    return {
      ...finding,
      location: { file: candidate.file, ...at(jsonPathOf(candidate.schema, details)) },
      compatibility: impact === undefined ? details : { ...details, impact },
    };
  });
}

function jsonPathOf(schema: unknown, details: CompatibilityDetails): JSONPath {
  if (details.path === '' && details.branch && Array.isArray(schema)) {
    // An event type added to a union subject: its branch (a removed one is not in the file: the union).
    const index = schema.indexOf(details.branch);
    return index === -1 ? [] : [index];
  }
  if (!details.sharedType) return locateSchemaPath(schema, details.path);
  // The path runs through the subject using the shared type (`order.address.zip`); the file is the type's own,
  // so follow the longest tail of the path that the type's definition has.
  const segments = pathSegments(details.path);
  for (let start = 0; start < segments.length; start += 1) {
    const found = locateSchemaPath(schema, segments.slice(start).join('.'));
    if (found.length > 0) return found;
  }
  return [];
}
