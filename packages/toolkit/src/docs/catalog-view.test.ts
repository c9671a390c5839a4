import { describe, expect, it } from 'vitest';
import { catalogFolder, fullCompatibility } from '../../test/catalog-folder.ts';
import { loadCatalog } from '../catalog/load-catalog.ts';
import { catalogView } from './catalog-view.ts';
import { fieldRows } from './field-rows.ts';

const currency = (symbols: string[]) => ({
  type: 'enum',
  name: 'Currency',
  namespace: 'shared',
  symbols,
  default: 'EUR',
});

describe('catalogView', () => {
  it('shows fields with the logical types the serde does not convert and history through shared types', () => {
    const event = {
      type: 'record',
      name: 'Paid',
      namespace: 'app',
      fields: [
        { name: 'at', type: { type: 'long', logicalType: 'timestamp-micros' } },
        { name: 'currency', type: 'shared.Currency' },
      ],
    };
    const pin = (version: number) => [{ name: 'shared.Currency', subject: 'shared.Currency', version }];
    const [topic] = catalogView(
      loadCatalog(
        catalogFolder({
          'topics.json': { paid: { key: { type: 'string', doc: 'The id.' } } },
          'paid-value/subject.json': fullCompatibility,
          'paid-value/v1.avsc': event,
          'paid-value/v1.references.json': pin(1),
          'paid-value/v2.avsc': event,
          'paid-value/v2.references.json': pin(2),
          'shared.Currency/subject.json': fullCompatibility,
          'shared.Currency/v1.avsc': currency(['EUR', 'USD']),
          'shared.Currency/v2.avsc': currency(['EUR', 'USD', 'CHF']),
        }),
      ),
    );
    const [paid] = topic?.events ?? [];
    expect(fieldRows(paid?.schema).map((row) => `${row.path}: ${row.type}`)).toEqual([
      'at: timestamp-micros',
      'currency: shared.Currency',
    ]);
    expect(paid?.subject.versions[1]?.changes).toEqual([
      { kind: 'added', path: 'shared.Currency', detail: 'symbol CHF' },
    ]);
  });
});
