import type { Problem } from '../compatibility/problem.ts';
import type { Location } from './finding.ts';
import { locateSchemaPath } from './positions/locate-schema-path.ts';
import { sourcePositions } from './positions/source-positions.ts';

/** A compatibility problem with where it is in the new schema file and whom it hurts. */
export interface LocatedProblem extends Problem, Location {
  /** Set when the catalog declares the topic's consumers. */
  impact?: string;
}

/** Places each problem on the field or type its path names in the candidate file. */
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
      ...at(locateSchemaPath(candidate.schema, problem.path)),
      ...(impact === undefined ? {} : { impact }),
    };
  });
}
