import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runSchemasCheck } from '../src/check/run-schemas-check.ts';
import { copyFixture, readJson, registryUrl, rest } from './helpers.ts';
import { assertRegistryReachable, register, testSubject } from './registry-helpers.ts';

const catalogOf = (dir: string) => ({ schemasDir: join(dir, 'schemas') });

/** A catalog copy whose only subject has a fresh name, so the registry holds nothing of it yet. */
function copyUnderFreshSubject() {
  const dir = copyFixture('user-catalog');
  const subject = testSubject('schemas-check');
  renameSync(join(dir, 'schemas', 'user_register-value'), join(dir, 'schemas', subject));
  const topic = subject.replace(/-value$/, '');
  writeFileSync(
    join(dir, 'schemas', 'topics.json'),
    JSON.stringify({ [topic]: { key: { type: 'string' } } }),
  );
  const read = (version: number) => readJson(join(dir, 'schemas', subject, `v${version}.avsc`));
  return { dir, subject, v1: read(1), v2: read(2) };
}

describe('schemas:check against the registry', () => {
  beforeAll(assertRegistryReachable);

  it('shows the registry verdict beside ours', async () => {
    const { dir, subject, v1 } = copyUnderFreshSubject();
    const before = await runSchemasCheck({ ...catalogOf(dir), registry: { url: registryUrl } });
    expect(before.subjects[0]?.registry).toEqual({ registered: false, unknownVersions: [] });

    await rest.setCompatibility(subject, 'FULL_TRANSITIVE');
    await register(subject, v1);
    const after = await runSchemasCheck({ ...catalogOf(dir), registry: { url: registryUrl } });
    expect(after.subjects[0]?.registry).toEqual({
      registered: true,
      level: 'FULL_TRANSITIVE',
      unknownVersions: [],
      compatible: true,
    });
    expect(after.summary.registryFailures).toBe(0);
  });

  it('fails when the registry holds a version the repository does not know', async () => {
    const { dir, subject, v1, v2 } = copyUnderFreshSubject();
    await rest.setCompatibility(subject, 'NONE');
    await register(subject, v1);
    await register(subject, {
      ...v2,
      fields: [...v2.fields, { name: 'rogue', type: 'int', default: 0 }],
    });
    const report = await runSchemasCheck({ ...catalogOf(dir), registry: { url: registryUrl } });
    expect(report.subjects[0]?.registry?.unknownVersions).toEqual([2]);
    expect(report.summary.registryFailures).toBe(1);
    expect(report.ok).toBe(false);
  });

  it('reports an unreachable registry as a failure, not as compatible', async () => {
    const { dir } = copyUnderFreshSubject();
    const report = await runSchemasCheck({
      ...catalogOf(dir),
      registry: { url: 'http://127.0.0.1:9/apis/ccompat/v7' },
    });
    expect(report.subjects[0]?.registry?.error).toMatch(
      /cannot reach the schema registry at http:\/\/127\.0\.0\.1:9\//,
    );
    expect(report.ok).toBe(false);
  });
});
