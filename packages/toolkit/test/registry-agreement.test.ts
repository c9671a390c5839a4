import { beforeAll, describe, expect, it } from 'vitest';
import { checkCompatibility } from '../src/compatibility/check-compatibility.ts';
import { type CompatibilityLevel, compatibilityLevels } from '../src/compatibility-level.ts';
import { rest } from './helpers.ts';
import { assertRegistryReachable, inBatches, register, testSubject } from './registry-helpers.ts';
import { schemaChanges } from './schema-pairs.ts';

/** The registry's verdict: the history is registered under NONE, then the candidate under `level`. */
async function registryAccepts(
  change: (typeof schemaChanges)[number],
  level: CompatibilityLevel,
): Promise<boolean> {
  const subject = testSubject('agreement');
  await rest.setCompatibility(subject, 'NONE');
  for (const schema of change.history) {
    if (!(await register(subject, schema)))
      throw new Error(`history of "${change.name}" was refused under NONE`);
  }
  await rest.setCompatibility(subject, level);
  return register(subject, change.candidate);
}

describe('agreement with the schema registry', () => {
  beforeAll(assertRegistryReachable);

  it('gives the registry verdict on every schema change under every level', async () => {
    const cases = schemaChanges.flatMap((change) => compatibilityLevels.map((level) => ({ change, level })));
    expect(cases.length).toBeGreaterThanOrEqual(40 * compatibilityLevels.length);
    const outcomes = await inBatches(cases, 8, async ({ change, level }) => {
      const registry = await registryAccepts(change, level);
      const offline = checkCompatibility({ candidate: change.candidate, history: change.history, level });
      return { name: change.name, level, registry, offline: offline.compatible, findings: offline.findings };
    });
    const disagreements = outcomes.filter((outcome) => outcome.registry !== outcome.offline);
    for (const d of disagreements) {
      console.error(
        `DISAGREE ${d.level} "${d.name}": registry ${d.registry}, offline ${d.offline}`,
        d.findings,
      );
    }
    console.info(
      `${outcomes.length - disagreements.length}/${outcomes.length} verdicts agree with the registry`,
    );
    expect(disagreements.map((d) => `${d.level}: ${d.name}`)).toEqual([]);
    // Both verdicts must occur, or agreement would prove little.
    expect(new Set(outcomes.map((outcome) => outcome.registry))).toEqual(new Set([true, false]));
  }, 180_000);
});
