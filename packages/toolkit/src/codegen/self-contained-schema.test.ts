import { describe, expect, it } from 'vitest';
import { catalogFolder, fullCompatibility } from '../../test/catalog-folder.ts';
import { createAvroType } from '../avro/create-avro-type.ts';
import type { Catalog, SchemaVersion } from '../catalog/catalog.ts';
import { loadCatalog } from '../catalog/load-catalog.ts';
import { createSchemaExpander } from './self-contained-schema.ts';

const topicsJson = { t: { key: { type: 'string', doc: 'The id.' } } };

function newest(catalog: Catalog, subject: string): SchemaVersion {
  const found = catalog.subjects.find((entry) => entry.subject === subject)?.versions.at(-1);
  if (!found) throw new Error(`no ${subject}`);
  return found;
}

/** `t-value` (one record referencing shared types) plus the shared type subjects given. */
function catalogWith(value: object, references: object[], shared: Record<string, object>): Catalog {
  const files: Record<string, unknown> = {
    'topics.json': topicsJson,
    't-value/subject.json': fullCompatibility,
    't-value/v1.avsc': value,
    't-value/v1.references.json': references,
  };
  for (const [subject, schema] of Object.entries(shared)) {
    files[`${subject}/subject.json`] = fullCompatibility;
    files[`${subject}/v1.avsc`] = schema;
  }
  return loadCatalog(catalogFolder(files));
}

const currency = {
  type: 'enum',
  name: 'Currency',
  namespace: 'shared',
  symbols: ['EUR', 'USD'],
  default: 'EUR',
};
const currencyRef = { name: 'shared.Currency', subject: 'shared.Currency', version: 1 };

describe('createSchemaExpander', () => {
  it('keeps every attribute schema resolution reads, which avsc’s export drops or moves', () => {
    const schema = {
      type: 'record',
      name: 'Event',
      namespace: 'app',
      aliases: ['OldEvent'],
      doc: 'An event.',
      fields: [
        { name: 'status', type: { type: 'enum', name: 'Status', symbols: ['ON', 'OFF'], default: 'ON' } },
        { name: 'count', type: 'int', default: 0, aliases: ['total'], order: 'descending' },
        { name: 'price', type: { type: 'bytes', logicalType: 'decimal', precision: 9, scale: 2 } },
        { name: 'at', type: { type: 'long', logicalType: 'timestamp-micros' } },
        { name: 'hash', type: { type: 'fixed', name: 'Hash', namespace: 'other', size: 16 } },
        { name: 'seen', type: ['null', 'string'], default: null, 'x-owner': 'team-a' },
      ],
    };
    const catalog = catalogWith(schema, [], {});
    expect(createSchemaExpander(catalog).expand(newest(catalog, 't-value'))).toEqual({
      type: 'record',
      name: 'app.Event',
      aliases: ['app.OldEvent'],
      doc: 'An event.',
      fields: [
        {
          name: 'status',
          type: { type: 'enum', name: 'app.Status', symbols: ['ON', 'OFF'], default: 'ON' },
        },
        { name: 'count', type: 'int', default: 0, aliases: ['total'], order: 'descending' },
        { name: 'price', type: { type: 'bytes', logicalType: 'decimal', precision: 9, scale: 2 } },
        { name: 'at', type: { type: 'long', logicalType: 'timestamp-micros' } },
        { name: 'hash', type: { type: 'fixed', name: 'other.Hash', size: 16 } },
        { name: 'seen', type: ['null', 'string'], default: null, 'x-owner': 'team-a' },
      ],
    });
  });

  it('inlines a referenced type where it is first used, even inside another referenced type, and names it after', () => {
    const money = {
      type: 'record',
      name: 'Money',
      namespace: 'shared',
      fields: [
        { name: 'amount', type: 'string' },
        { name: 'currency', type: 'Currency' },
      ],
    };
    const value = {
      type: 'record',
      name: 'Event',
      namespace: 'app',
      fields: [
        { name: 'currency', type: 'shared.Currency' },
        { name: 'price', type: 'shared.Money' },
        { name: 'prices', type: { type: 'array', items: 'shared.Money' } },
      ],
    };
    const catalog = loadCatalog(
      catalogFolder({
        'topics.json': topicsJson,
        't-value/subject.json': fullCompatibility,
        't-value/v1.avsc': value,
        't-value/v1.references.json': [
          currencyRef,
          { name: 'shared.Money', subject: 'shared.Money', version: 1 },
        ],
        'shared.Currency/subject.json': fullCompatibility,
        'shared.Currency/v1.avsc': currency,
        'shared.Money/subject.json': fullCompatibility,
        'shared.Money/v1.avsc': money,
        'shared.Money/v1.references.json': [currencyRef],
      }),
    );
    const expanded = createSchemaExpander(catalog).expand(newest(catalog, 't-value'));
    expect(expanded).toEqual({
      type: 'record',
      name: 'app.Event',
      fields: [
        {
          name: 'currency',
          type: { type: 'enum', name: 'shared.Currency', symbols: ['EUR', 'USD'], default: 'EUR' },
        },
        {
          name: 'price',
          type: {
            type: 'record',
            name: 'shared.Money',
            fields: [
              { name: 'amount', type: 'string' },
              { name: 'currency', type: 'shared.Currency' },
            ],
          },
        },
        { name: 'prices', type: { type: 'array', items: 'shared.Money' } },
      ],
    });
    expect(() => createAvroType(expanded)).not.toThrow();
  });

  it('keeps a type without a namespace out of the namespace around it, where it is defined and where used', () => {
    const plain = { type: 'enum', name: 'Plain', namespace: '', symbols: ['A'] };
    const value = {
      type: 'record',
      name: 'Event',
      namespace: 'app',
      fields: [{ name: 'first', type: plain }],
    };
    const catalog = catalogWith(value, [], {});
    const version = newest(catalog, 't-value');
    // A second use is written `.Plain` (Avro's way to name the null namespace from inside another one).
    const twice = { ...value, fields: [...value.fields, { name: 'second', type: '.Plain' }] };
    const expanded = createSchemaExpander(catalog).expand(version, twice) as { fields: { type: unknown }[] };
    expect(expanded.fields.map((field) => field.type)).toEqual([
      { type: 'enum', name: 'Plain', namespace: '', symbols: ['A'] },
      '.Plain',
    ]);
    const type = createAvroType(expanded) as unknown as { fields: { type: { name: string } }[] };
    expect(type.fields.map((field) => field.type.name)).toEqual(['Plain', 'Plain']);
  });

  it('gives a reader that reads a symbol added by a newer writer as the enum default', () => {
    const value = {
      type: 'record',
      name: 'Event',
      namespace: 'app',
      fields: [{ name: 'currency', type: 'shared.Currency' }],
    };
    const catalog = catalogWith(value, [currencyRef], { 'shared.Currency': currency });
    const reader = createAvroType(createSchemaExpander(catalog).expand(newest(catalog, 't-value')));
    const writer = createAvroType({
      ...value,
      fields: [{ name: 'currency', type: { ...currency, symbols: ['EUR', 'USD', 'CHF'] } }],
    });
    const resolver = reader.createResolver(writer);
    const read = (symbol: string) => reader.fromBuffer(writer.toBuffer({ currency: symbol }), resolver);
    expect(read('USD')).toEqual({ currency: 'USD' });
    expect(read('CHF')).toEqual({ currency: 'EUR' });
  });
});
