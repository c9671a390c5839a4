import type { CompatibilityLevel } from '../../compatibility-level.ts';

interface Guarantees {
  backward: boolean;
  forward: boolean;
  transitive: boolean;
}

function guaranteesOf(level: CompatibilityLevel): Guarantees {
  return {
    backward: level.startsWith('BACKWARD') || level.startsWith('FULL'),
    forward: level.startsWith('FORWARD') || level.startsWith('FULL'),
    transitive: level.endsWith('_TRANSITIVE'),
  };
}

/** True when `after` no longer promises everything `before` did (FULL → BACKWARD, BACKWARD_TRANSITIVE → BACKWARD). */
export function isLooser(after: CompatibilityLevel, before: CompatibilityLevel): boolean {
  const was = guaranteesOf(before);
  const now = guaranteesOf(after);
  return (
    (was.backward && !now.backward) || (was.forward && !now.forward) || (was.transitive && !now.transitive)
  );
}
