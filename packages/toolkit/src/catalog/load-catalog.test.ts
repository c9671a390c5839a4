import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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
});
