import type { JSONPath } from 'jsonc-parser';
import type { Problem } from '../compatibility/problem.ts';
import type { Location } from './finding.ts';
import { locateSchemaPath, pathSegments } from './positions/locate-schema-path.ts';
import { sourcePositions } from './positions/source-positions.ts';

/** A compatibility problem with where it is in the new schema file and whom it hurts. */
export interface LocatedProblem extends Problem, Location {
  /** Set when topics.json declares the hurt topic's consumers. */
  impact?: string;
}

/** Places each problem on the field, type or union branch it names in the candidate file. */
export function locateProblems(
  problems: readonly Problem[],
  candidate: { schema: unknown; text: string; file: string },
  impactOf: (problem: Problem) => string | undefined,
): LocatedProblem[] {
  const at = sourcePositions(candidate.text);
  return problems.map((problem) => {
    const impact = impactOf(problem);
    return {
      ...problem,
      file: candidate.file,
      ...at(jsonPathOf(candidate.schema, problem)),
      ...(impact === undefined ? {} : { impact }),
    };
  });
}

function jsonPathOf(schema: unknown, problem: Problem): JSONPath {
  if (problem.path === '' && problem.branch && Array.isArray(schema)) {
    // An event type added to a union subject: its branch (a removed one is not in the file: the union).
    const index = schema.indexOf(problem.branch);
    return index === -1 ? [] : [index];
  }
  if (!problem.sharedType) return locateSchemaPath(schema, problem.path);
  // The path runs through the subject using the shared type (`order.address.zip`); the file is the type's own,
  // so follow the longest tail of the path that the type's definition has.
  const segments = pathSegments(problem.path);
  for (let start = 0; start < segments.length; start += 1) {
    const found = locateSchemaPath(schema, segments.slice(start).join('.'));
    if (found.length > 0) return found;
  }
  return [];
}
