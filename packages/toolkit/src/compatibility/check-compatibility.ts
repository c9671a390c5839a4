import {
  type CompatibilityLevel,
  compatibilityLevels,
  isCompatibilityLevel,
} from '../compatibility-level.ts';
import { ContractError } from '../errors.ts';
import type { CompatibilityFinding, Direction } from '../findings/finding.ts';
import { explainFinding } from './explain-finding.ts';
import { parseSchema } from './parse-schema.ts';
import { resolveReaderWriter } from './resolve-reader-writer.ts';
import type { SchemaNode } from './schema-node.ts';

export interface CheckCompatibilityInput {
  /** The new schema, as a JSON object or JSON text. */
  candidate: unknown;
  /** Earlier versions, oldest first. */
  history: readonly unknown[];
  level: CompatibilityLevel;
}

export interface CompatibilityResult {
  compatible: boolean;
  /** Each a compatibility finding (its `compatibility` says against which version, which way and where). */
  findings: CompatibilityFinding[];
}

const DIRECTIONS: Record<CompatibilityLevel, readonly Direction[]> = {
  BACKWARD: ['BACKWARD'],
  BACKWARD_TRANSITIVE: ['BACKWARD'],
  FORWARD: ['FORWARD'],
  FORWARD_TRANSITIVE: ['FORWARD'],
  FULL: ['BACKWARD', 'FORWARD'],
  FULL_TRANSITIVE: ['BACKWARD', 'FORWARD'],
  NONE: [],
};

/**
 * Confluent's compatibility verdict for `candidate` against `history` under `level`, offline, with every
 * finding explained. Synchronous; throws ContractError (INVALID_SCHEMA or INVALID_LEVEL) for an invalid schema or level.
 */
export function checkCompatibility({
  candidate,
  history,
  level,
}: CheckCompatibilityInput): CompatibilityResult {
  if (!isCompatibilityLevel(level)) {
    throw new ContractError(
      'INVALID_LEVEL',
      `unknown compatibility level ${JSON.stringify(level)}: use one of ${compatibilityLevels.join(', ')}`,
    );
  }
  if (!Array.isArray(history)) throw new ContractError('INVALID_SCHEMA', 'history must be an array');
  const newSchema = parseSchema(candidate, 'the candidate schema');
  const earlier = history.map((schema, index) => parseSchema(schema, `history[${index}] (v${index + 1})`));
  return compareSchemas(newSchema, earlier, level);
}

/** checkCompatibility on schemas already parsed (and so already valid). */
export function compareSchemas(
  newSchema: SchemaNode,
  earlier: readonly SchemaNode[],
  level: CompatibilityLevel,
): CompatibilityResult {
  const against = level.endsWith('_TRANSITIVE') ? earlier.map((_, index) => index) : [earlier.length - 1];
  const findings: CompatibilityFinding[] = [];
  for (const index of earlier.length === 0 ? [] : against) {
    const old = earlier[index];
    if (!old) continue;
    for (const direction of DIRECTIONS[level]) {
      const incompatibilities =
        direction === 'BACKWARD' ? resolveReaderWriter(newSchema, old) : resolveReaderWriter(old, newSchema);
      findings.push(...unique(incompatibilities.map((found) => explainFinding(found, direction, index + 1))));
    }
  }
  return { compatible: findings.length === 0, findings };
}

function unique(findings: CompatibilityFinding[]): CompatibilityFinding[] {
  const seen = new Set<string>();
  return findings.filter((finding) => {
    const key = `${finding.ruleId}|${finding.compatibility.path}|${finding.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
