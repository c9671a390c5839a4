import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../src/catalog/load-catalog.ts';
import type { RegistrationRow } from '../src/registry/register-catalog.ts';
import { createRegistryHttp } from '../src/registry/registry-http.ts';
import { readJson, registryUrl, rest } from './helpers.ts';
import { assertRegistryReachable } from './registry-helpers.ts';
import { uniqueShopCatalog } from './shop-catalog-copy.ts';

const run = promisify(execFile);
const bin = join(import.meta.dirname, '..', 'bin', 'events-schemas-register.js');

async function register(dir: string, args: string[], url = registryUrl) {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, '--schemas', 'schemas', ...args], {
      cwd: dir,
      env: { ...process.env, SCHEMA_REGISTRY_URL: url },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const rowsOf = (stdout: string) => JSON.parse(stdout) as RegistrationRow[];

describe('events-schemas-register --dry-run without a registry', () => {
  const unreachable = 'http://127.0.0.1:4/apis/ccompat/v7';

  it('prints the plan from the catalog alone, marked as one: every version in order, with its references', async () => {
    const { dir } = uniqueShopCatalog();
    const { subjects } = loadCatalog(join(dir, 'schemas'));
    const json = await register(dir, ['--dry-run', '--json'], unreachable);
    expect(json.code).toBe(0);
    expect(json.stderr).toContain('PLAN from the catalog alone, nothing sent');
    expect(json.stderr).toContain('ECONNREFUSED');
    const rows = rowsOf(json.stdout);
    expect(rows.map((row) => `${row.subject}@${row.file}`)).toEqual(
      subjects.flatMap((s) => s.versions.map((v) => `${s.subject}@v${v.version}.avsc`)),
    );
    expect(rows.every((row) => row.status === 'planned' && row.id === undefined)).toBe(true);
    const position = (subject: string) => rows.findIndex((row) => row.subject === subject);
    const withReferences = rows.filter((row) => row.references.length > 0);
    expect(withReferences.length).toBeGreaterThan(0);
    for (const row of withReferences) {
      for (const ref of row.references)
        expect(position(ref.split('@')[0] as string)).toBeLessThan(position(row.subject));
    }

    const table = await register(dir, ['--dry-run'], unreachable);
    expect(table.code).toBe(0);
    const lines = table.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^PLAN from the catalog alone, nothing sent: the registry is not reachable \(/);
    expect(lines.filter((line) => /\splanned(\s|$)/.test(line))).toHaveLength(rows.length);
  });

  it('still fails a real run when the registry cannot be reached', async () => {
    const { dir } = uniqueShopCatalog();
    const { code, stderr } = await register(dir, [], unreachable);
    expect(code).toBe(2);
    expect(stderr).toContain('cannot reach the schema registry');
  });
});

describe('events-schemas-register --dry-run against the real registry', () => {
  const registered: string[] = [];
  beforeAll(assertRegistryReachable);

  // Referencing subjects first: the registry refuses to delete a version that is still referenced.
  afterAll(async () => {
    const http = createRegistryHttp({ url: registryUrl });
    for (const subject of registered.reverse()) {
      await http.call('DELETE', `/subjects/${encodeURIComponent(subject)}`);
      await http.call('DELETE', `/subjects/${encodeURIComponent(subject)}?permanent=true`);
    }
  });

  it('shows the level changes, new versions and versions already registered, and changes nothing', async () => {
    const { dir, rename } = uniqueShopCatalog();
    const schemas = join(dir, 'schemas');
    registered.push(...loadCatalog(schemas).subjects.map((s) => s.subject));
    expect((await register(dir, [])).code).toBe(0);

    // A new Address version, a customer version pinning it, and a level change on Currency.
    const address = rename('shop.common.Address');
    const customer = rename('shop.customers.CustomerRegistered');
    const currency = rename('shop.common.Currency');
    const addressV2 = readJson(join(schemas, address, 'v2.avsc'));
    const line2 = { name: 'line2', type: ['null', 'string'], default: null };
    writeFileSync(
      join(schemas, address, 'v3.avsc'),
      JSON.stringify({ ...addressV2, fields: [...addressV2.fields, line2] }),
    );
    writeFileSync(
      join(schemas, customer, 'v3.avsc'),
      JSON.stringify(readJson(join(schemas, customer, 'v2.avsc'))),
    );
    writeFileSync(
      join(schemas, customer, 'v3.references.json'),
      JSON.stringify([{ name: address, subject: address, version: 3 }]),
    );
    const currencyConfig = readJson(join(schemas, currency, 'subject.json'));
    writeFileSync(
      join(schemas, currency, 'subject.json'),
      JSON.stringify({ ...currencyConfig, compatibility: 'FULL' }),
    );

    const json = await register(dir, ['--dry-run', '--json']);
    expect(json.code).toBe(0);
    const rows = rowsOf(json.stdout);
    const changed = rows.filter((row) => row.status !== 'unchanged');
    expect(changed.map((row) => [row.subject, row.file, row.status])).toEqual([
      [address, 'v3.avsc', 'would register'],
      [customer, 'v3.avsc', 'would register'],
    ]);
    expect(
      rows.filter((row) => row.previousLevel).map((row) => [row.subject, row.previousLevel, row.level]),
    ).toEqual([[currency, 'FULL_TRANSITIVE', 'FULL']]);

    const table = await register(dir, ['--dry-run']);
    expect(table.stdout).toContain(
      `DRY RUN against ${registryUrl}, nothing changed. A run would set 1 subject level(s) and register 2 new version(s); ${rows.length - 2} already registered, 0 superseded.`,
    );
    expect(table.stdout).toMatch(
      new RegExp(`${currency}\\s+v1\\.avsc\\s+1\\s+\\d+\\s+FULL_TRANSITIVE -> FULL\\s+unchanged`),
    );

    expect(await rest.getCompatibility(currency)).toBe('FULL_TRANSITIVE');
    expect(await rest.lookup(address, readJson(join(schemas, address, 'v3.avsc')))).toBeUndefined();
  });
});
