import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CheckReport } from '../src/check/check-report.ts';
import type { RegistrationRow } from '../src/registry/register-catalog.ts';
import { fixturesDir, readJson, registryUrl } from './helpers.ts';
import { assertRegistryReachable } from './registry-helpers.ts';
import { uniqueShopCatalog } from './shop-catalog-copy.ts';

const run = promisify(execFile);
const bin = (name: string) => join(import.meta.dirname, '..', 'bin', `${name}.js`);

/** Runs a toolkit command from `cwd`, the way another team runs it on its own folder. */
async function cli(cwd: string, command: string, args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin(command), ...args], {
      cwd,
      env: { ...process.env, SCHEMA_REGISTRY_URL: registryUrl, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const check = async (cwd: string, extra: string[] = []) => {
  const result = await cli(cwd, 'events-schemas-check', [
    '--schemas',
    'schemas',
    '--format',
    'json',
    ...extra,
  ]);
  return { ...result, report: JSON.parse(result.stdout) as CheckReport };
};

/** 1-based line and column where `text` first occurs in the file. */
function positionOf(file: string, text: string): { line: number; column: number } {
  const lines = readFileSync(file, 'utf8').split('\n');
  const line = lines.findIndex((content) => content.includes(text));
  return { line: line + 1, column: (lines[line]?.indexOf(text) ?? 0) + 1 };
}

function writeVersion(
  dir: string,
  subject: string,
  version: number,
  schema: unknown,
  references?: unknown,
): void {
  writeFileSync(join(dir, 'schemas', subject, `v${version}.avsc`), JSON.stringify(schema, null, 2));
  if (references)
    writeFileSync(join(dir, 'schemas', subject, `v${version}.references.json`), JSON.stringify(references));
}

describe('the toolkit CLIs on a catalog outside the toolkit (shop catalog, from a temporary folder)', () => {
  beforeAll(assertRegistryReachable);

  it('generates, checks and registers it in dependency order, idempotently', async () => {
    const { dir } = uniqueShopCatalog();
    const generated = await cli(dir, 'events-generate', ['--schemas', 'schemas', '--out', 'generated']);
    expect(generated.stderr).toBe('');
    expect(generated.stdout).toContain('wrote generated/topic-map.ts');

    const offline = await check(dir, ['--out', 'generated']);
    expect(offline.report.summary).toEqual({
      subjects: 11,
      incompatible: 0,
      registryFailures: 0,
      lintErrors: 0,
      historyErrors: 0,
      warnings: 0,
    });
    expect(offline.report.ok).toBe(true);

    const dryRun = await cli(dir, 'events-schemas-register', ['--schemas', 'schemas', '--dry-run', '--json']);
    const planned = JSON.parse(dryRun.stdout) as RegistrationRow[];
    expect(planned.every((row) => row.status === 'would register')).toBe(true);
    const position = (subject: string) => planned.findIndex((row) => row.subject === subject);
    for (const row of planned) {
      for (const ref of row.references)
        expect(position(ref.split('@')[0] as string)).toBeLessThan(position(row.subject));
    }

    const first = await cli(dir, 'events-schemas-register', ['--schemas', 'schemas', '--json']);
    expect(first.stderr).toBe('');
    const rows = JSON.parse(first.stdout) as RegistrationRow[];
    expect(rows.map((row) => row.status)).toEqual(planned.map(() => 'registered'));
    expect(rows.map((row) => `${row.subject}@${row.version}`)).toEqual(
      planned.map((row) => `${row.subject}@${row.file.slice(1, -5)}`),
    );

    const again = JSON.parse(
      (await cli(dir, 'events-schemas-register', ['--schemas', 'schemas', '--json'])).stdout,
    ) as RegistrationRow[];
    expect(again.map((row) => row.status)).toEqual(rows.map(() => 'unchanged'));
    expect(again.map((row) => row.id)).toEqual(rows.map((row) => row.id));

    const online = await check(dir, ['--registry', registryUrl]);
    expect(online.code).toBe(0);
    const withReferences = online.report.subjects.filter((s) => s.subject.includes('OrderPlaced'));
    expect(withReferences[0]?.registry).toMatchObject({ registered: true, unknownVersions: [] });
  });

  it('validates the whole catalog before the first request: a bad catalog fails without contacting the registry', async () => {
    const bad = join(fixturesDir, 'invalid', 'reference-cycle');
    const result = await cli(bad, 'events-schemas-register', ['--schemas', '.'], {
      SCHEMA_REGISTRY_URL: 'http://127.0.0.1:4/apis/ccompat/v7',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('invalid catalog (REFERENCE_CYCLE)');
    expect(result.stderr).toContain(join('bad.A', 'v1.avsc'));
    expect(result.stderr).not.toContain('cannot reach');
  });

  it('checks a shared type change against every subject using it, naming the type, the field and each subject', async () => {
    const { dir, rename } = uniqueShopCatalog();
    const address = rename('shop.common.Address');
    const v2 = readJson(join(dir, 'schemas', address, 'v2.avsc'));
    writeVersion(dir, address, 3, {
      ...v2,
      fields: v2.fields.filter((f) => (f as { name: string }).name !== 'postalCode'),
    });

    const { code, report } = await check(dir);
    expect(code).toBe(1);
    const shared = report.subjects.find((s) => s.subject === address);
    const affected = new Set(shared?.findings.flatMap((f) => f.compatibility?.affectedSubject ?? []));
    // customers-value is BACKWARD: a removed field only breaks FORWARD readers, so it is not affected.
    expect([...affected].sort()).toEqual(
      [
        rename('orders-shop.orders.OrderPlaced'),
        rename('shipments-value'),
        rename('shop.customers.CustomerAddressChanged'),
        rename('shop.customers.CustomerRegistered'),
      ].sort(),
    );
    const onShipments = shared?.findings.find(
      (f) => f.compatibility?.affectedSubject === rename('shipments-value'),
    );
    expect(onShipments).toMatchObject({
      ruleId: 'field-removed-without-default',
      compatibility: { sharedType: address, path: 'address.postalCode' },
    });
    expect(onShipments?.message).toContain(`${address} v3 breaks ${rename('shipments-value')}`);
    expect(onShipments?.message).toContain('`postalCode`');
    // The removed field is not in the type's new file: the finding points at the record it was removed from.
    const v3File = join(dir, 'schemas', address, 'v3.avsc');
    expect(onShipments?.location).toEqual({ file: v3File, ...positionOf(v3File, '"name": "Address"') });
    expect(onShipments?.compatibility?.impact).toBe(
      `notification-service reads ${rename('shipments-value').replace(/-value$/, '')} with v1 and cannot read what v2 writes`,
    );
  });

  it('explains an event type added to or removed from a union subject per direction', async () => {
    const { dir, rename } = uniqueShopCatalog();
    const subject = rename('customers-value');
    writeFileSync(join(dir, 'schemas', subject, 'subject.json'), JSON.stringify({ compatibility: 'FULL' }));
    const added = (await check(dir)).report.subjects.find((s) => s.subject === subject)?.findings ?? [];
    const v2File = join(dir, 'schemas', subject, 'v2.avsc');
    expect(added).toContainEqual(
      expect.objectContaining({
        // On the added branch of the union, with the consumers of the topic that cannot read it.
        location: {
          file: v2File,
          ...positionOf(v2File, `"${rename('shop.customers.CustomerAddressChanged')}"`),
        },
        compatibility: expect.objectContaining({
          direction: 'FORWARD',
          impact: `order-service reads ${subject.replace(/-value$/, '')} with v1 and cannot read what v2 writes`,
        }),
        message: expect.stringContaining(
          `event type ${rename('shop.customers.CustomerAddressChanged')} was added: consumers still on v1 cannot read it`,
        ),
      }),
    );

    const registered = rename('shop.customers.CustomerRegistered');
    const changed = rename('shop.customers.CustomerAddressChanged');
    writeVersion(dir, subject, 3, [changed], [{ name: changed, subject: changed, version: 1 }]);
    const removed = (await check(dir)).report.subjects.find((s) => s.subject === subject)?.findings ?? [];
    expect(removed).toContainEqual(
      expect.objectContaining({
        compatibility: expect.objectContaining({ direction: 'BACKWARD' }),
        message: expect.stringContaining(`event type ${registered} was removed`),
      }),
    );
  });

  it('flags a key schema change that changes the key bytes as breaking ordering, even under NONE', async () => {
    const { dir, rename } = uniqueShopCatalog();
    const key = rename('orders-key');
    writeFileSync(join(dir, 'schemas', key, 'subject.json'), JSON.stringify({ compatibility: 'NONE' }));
    const v1 = readJson(join(dir, 'schemas', key, 'v1.avsc'));
    writeVersion(dir, key, 2, {
      ...v1,
      fields: [...v1.fields, { name: 'tenant', type: 'string', default: '' }],
    });
    const { code, report } = await check(dir);
    expect(code).toBe(1);
    const subject = report.subjects.find((s) => s.subject === key);
    expect(subject?.findings).toEqual([
      expect.objectContaining({
        ruleId: 'key-encoding-changed',
        message: expect.stringMatching(/differently from v1 .*another partition/),
        location: { file: join(dir, 'schemas', key, 'v2.avsc'), line: 1, column: 1 },
      }),
    ]);

    writeVersion(dir, key, 2, { ...v1, doc: 'Only documentation changed.' });
    expect((await check(dir)).report.subjects.find((s) => s.subject === key)?.findings).toEqual([]);
  });
});

// The fixture is the catalog of the type-level and broker tests: its generated code must be current.
it('the committed shop fixture code is what events-generate writes', async () => {
  const fixture = join(fixturesDir, 'shop-catalog');
  const out = join(import.meta.dirname, 'generated', 'shop-catalog');
  const result = await cli(fixture, 'events-schemas-check', [
    '--schemas',
    '.',
    '--out',
    out,
    '--format',
    'json',
  ]);
  expect((JSON.parse(result.stdout) as CheckReport).generated).toEqual({ stale: [], missing: [] });
  expect(readFileSync(join(out, 'topic-map.ts'), 'utf8')).toContain(
    "import type { TopicNameTopic, TopicRecordNameTopic } from '@events/toolkit';",
  );
});
