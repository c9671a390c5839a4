import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SchemaNode } from '../compatibility/schema-node.ts';
import type { SchemaVersion } from './catalog.ts';
import { CatalogError, type CatalogErrorCode } from './catalog-error.ts';
import { loadCatalog } from './load-catalog.ts';

const fixtures = join(import.meta.dirname, '../../test/fixtures');

function failureOf(folder: string): CatalogError {
  try {
    loadCatalog(join(fixtures, folder));
  } catch (error) {
    if (error instanceof CatalogError) return error;
    throw error;
  }
  throw new Error(`${folder} loaded without an error`);
}

describe('loadCatalog on bad catalogs', () => {
  const cases: [string, CatalogErrorCode, string, RegExp][] = [
    ['undefined-reference', 'UNDEFINED_REFERENCE', 't-value/v1.avsc', /uses bad\.Money, which neither/],
    [
      'missing-reference-target',
      'UNDEFINED_REFERENCE',
      't-value/v1.references.json',
      /points to bad\.Money v1, which the catalog does not have/,
    ],
    ['reference-cycle', 'REFERENCE_CYCLE', 'bad.A/v1.avsc', /bad\.A@1 → bad\.B@1 → bad\.A@1/],
    [
      'duplicate-name',
      'DUPLICATE_NAME',
      't-value/v1.avsc',
      /defines bad\.Money, which .*bad\.Money\/v1\.avsc defines too/,
    ],
    ['strategy-mismatch', 'STRATEGY_MISMATCH', 't-value', /uses TopicRecordNameStrategy/],
    [
      'record-name-mismatch',
      'STRATEGY_MISMATCH',
      't-bad.Created/v1.avsc',
      /must hold record bad\.Created, found bad\.Deleted/,
    ],
    ['key-on-string-key', 'KEY_MISMATCH', 't-key', /declares a plain string key/],
  ];

  for (const [folder, code, file, message] of cases) {
    it(`refuses ${folder} with ${code}, naming ${file}`, () => {
      const error = failureOf(join('invalid', folder));
      expect(error.code).toBe(code);
      expect(error.file.endsWith(join(folder, file))).toBe(true);
      expect(error.message).toMatch(message);
    });
  }
});

describe('loadCatalog on the shop catalog', () => {
  const catalog = loadCatalog(join(fixtures, 'shop-catalog'));
  const order = catalog.subjects.map((s) => s.subject);

  it('orders subjects so that every referenced subject comes first', () => {
    for (const entry of catalog.subjects) {
      for (const version of entry.versions) {
        for (const ref of version.references)
          expect(order.indexOf(ref.subject), `${entry.subject} → ${ref.subject}`).toBeLessThan(
            order.indexOf(entry.subject),
          );
      }
    }
  });

  it('classifies subjects by their topic strategy and declares producers and consumers', () => {
    const roles = Object.fromEntries(catalog.subjects.map((s) => [s.subject, s.role]));
    expect(roles).toMatchObject({
      'shop.common.Money': 'type',
      'customers-value': 'value',
      'orders-shop.orders.OrderPlaced': 'event',
      'orders-key': 'key',
    });
    expect(catalog.topics.find((t) => t.topic === 'orders')).toMatchObject({
      strategy: 'TopicRecordNameStrategy',
      key: { type: 'avro', subject: 'orders-key' },
      producers: ['order-service'],
      consumers: ['billing-service', 'shipping-service'],
    });
  });

  it('resolves references at the pinned version: OrderPlaced v1 has no Address, v2 has Address v2', () => {
    const placed = catalog.subjects.find((s) => s.subject === 'orders-shop.orders.OrderPlaced');
    expect(Object.keys(placed?.versions[0]?.namedTypes ?? {})).not.toContain('shop.common.Address');
    const address = placed?.versions[1]?.namedTypes['shop.common.Address'] as unknown as {
      fields: { name: string }[];
    };
    expect(address.fields.map((f) => f.name)).toContain('region');
  });

  it('reads an older version without avsc, reusing the nodes of its references and, on first use, the same Type as a newest one', () => {
    const customers = catalog.subjects.find((s) => s.subject === 'shop.customers.CustomerRegistered');
    const address = catalog.subjects.find((s) => s.subject === 'shop.common.Address');
    const [v1, v2] = customers?.versions ?? [];
    const pinned = address?.versions.find((v) => v.version === v1?.references[0]?.version);
    expect(v1?.node.type === 'record' && v1.node.fields[2]?.type).toBe(pinned?.node);
    expect(v1?.ownNames).toEqual(['shop.customers.CustomerRegistered']);
    expect(Object.keys(v1?.namedTypes ?? {}).sort()).toEqual(Object.keys(v2?.namedTypes ?? {}).sort());
    expect(v1?.type.schema()).toMatchObject({ type: 'record', name: 'shop.customers.CustomerRegistered' });
  });
});

describe('loadCatalog on a bad older version', () => {
  it('refuses it as it refuses a bad newest version, naming its file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'catalog-'));
    try {
      cpSync(join(fixtures, 'user-catalog'), dir, { recursive: true });
      const v1 = join(dir, 'user_register-value', 'v1.avsc');
      const schema = JSON.parse(readFileSync(v1, 'utf8'));
      schema.fields[0].default = 42;
      writeFileSync(v1, JSON.stringify(schema));
      expect(() => loadCatalog(dir)).toThrow(CatalogError);
      expect(() => loadCatalog(dir)).toThrow(
        /user_register-value\/v1\.avsc: not a valid Avro schema: invalid default/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('loadCatalog resolves references as the registry does', () => {
  const fieldNames = (node: SchemaNode | undefined) =>
    node?.type === 'record' ? node.fields.map((field) => field.name) : [];
  const moneyOf = (branch: SchemaNode | undefined) =>
    branch?.type === 'record' ? branch.fields[0]?.type : undefined;

  it('binds a name two references pin differently to its first pin, depth first (repro F)', () => {
    const catalog = loadCatalog(join(fixtures, 'repros/F-conflicting-pins'));
    const value = catalog.subjects.find((s) => s.subject === 't-value')?.versions[1];
    const branches = value?.node.type === 'union' ? value.node.branches : [];
    // x.A v1 pins x.Money v1 and comes first; x.B v2's pin of v2 is not read, as in Confluent's AvroSchema.
    expect(branches.map((branch) => fieldNames(moneyOf(branch)))).toEqual([['amount'], ['amount']]);
    expect(moneyOf(branches[0])).toBe(moneyOf(branches[1]));
    const ownB = catalog.subjects.find((s) => s.subject === 'x.B')?.versions[1];
    expect(fieldNames(moneyOf(ownB?.node))).toEqual(['amount', 'scale']);
    const compiled = value?.type.schema() as { fields: { type: { fields: unknown[] } }[] }[];
    expect(compiled.map((branch) => branch.fields[0]?.type)).toEqual([
      expect.objectContaining({ fields: [{ name: 'amount', type: 'string' }] }),
      'x.Money',
    ]);
  });

  it('accepts a union default of a later branch, as Avro 1.12 does, and compiles it as Java reads it (repro E)', () => {
    const catalog = loadCatalog(join(fixtures, 'repros/E-union-default-second-branch'));
    const newest = catalog.subjects[0]?.versions[1] as SchemaVersion;
    expect(newest.node).toMatchObject({ fields: [{ name: 'n' }, { name: 'channel', hasDefault: true }] });
    const channel = (newest.type as unknown as { fields: { defaultValue(): unknown }[] }).fields[1];
    expect(channel?.defaultValue()).toBe('post');
  });
});

describe('loadCatalog on a shared fixed with a logical type', () => {
  it('lets another subject reference a decimal fixed, which avsc registers as its logical type', () => {
    const catalog = loadCatalog(join(fixtures, 'shared-decimal'));
    const value = catalog.subjects.find((s) => s.subject === 't-value')?.versions[0];
    expect(Object.keys(value?.namedTypes ?? {}).sort()).toEqual(['x.Event', 'x.Rate']);
    expect(value?.node).toMatchObject({
      fields: [{ type: { type: 'fixed', size: 8, logical: { name: 'decimal', scale: 6 } } }],
    });
  });
});
