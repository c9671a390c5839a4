import { describe, expect, it } from 'vitest';
import { fieldRows } from './field-rows.ts';
import { schemaChanges } from './schema-changes.ts';

const address = (fields: unknown[]) => ({ type: 'record', name: 'shop.common.Address', fields });
const event = (fields: unknown[]) => ({ type: 'record', name: 'shop.Event', fields });
const street = { name: 'street', type: 'string' };

describe('schemaChanges', () => {
  it('lists an added field with its default, a removed field and a changed type', () => {
    const before = event([street, { name: 'count', type: 'int' }, { name: 'legacy', type: 'string' }]);
    const after = event([
      street,
      { name: 'count', type: 'long' },
      { name: 'nick', type: ['null', 'string'], default: null },
    ]);
    expect(schemaChanges(before, after)).toEqual([
      { kind: 'changed', path: 'count', detail: 'int → long' },
      { kind: 'added', path: 'nick', detail: 'null | string, default null' },
      { kind: 'removed', path: 'legacy', detail: 'string' },
    ]);
  });

  it('follows nested records, also inside a nullable union, and names the nested path', () => {
    const before = event([{ name: 'home', type: ['null', address([street])], default: null }]);
    const after = event([
      { name: 'home', type: ['null', address([street, { name: 'city', type: 'string' }])], default: null },
    ]);
    expect(schemaChanges(before, after)).toEqual([
      { kind: 'added', path: 'home.city', detail: 'string, no default' },
    ]);
  });

  it('reports enum symbols and union members added or removed, and a changed default', () => {
    const color = (symbols: string[]) => ({ type: 'enum', name: 'Color', namespace: 'shop', symbols });
    expect(
      schemaChanges(
        event([{ name: 'color', type: color(['RED', 'BLUE']), default: 'RED' }]),
        event([{ name: 'color', type: color(['RED', 'GREEN']), default: 'GREEN' }]),
      ),
    ).toEqual([
      { kind: 'added', path: 'shop.Color', detail: 'symbol GREEN' },
      { kind: 'removed', path: 'shop.Color', detail: 'symbol BLUE' },
      { kind: 'changed', path: 'color', detail: 'default "RED" → "GREEN"' },
    ]);
    expect(schemaChanges(['shop.A', 'shop.B'], ['shop.A', 'shop.C'])).toEqual([
      { kind: 'added', path: 'shop.C', detail: 'union member shop.C' },
      { kind: 'removed', path: 'shop.B', detail: 'union member shop.B' },
    ]);
  });

  it('finds nothing between identical schemas', () => {
    const schema = event([street, { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } }]);
    expect(schemaChanges(schema, structuredClone(schema))).toEqual([]);
  });
});

describe('fieldRows', () => {
  it('flattens nested records under their field, with type labels, defaults and docs', () => {
    const rows = fieldRows(
      event([
        { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' }, doc: 'When.' },
        { name: 'home', type: ['null', address([street])], default: null },
        { name: 'tags', type: { type: 'array', items: 'string' } },
      ]),
    );
    expect(rows).toEqual([
      { path: 'at', type: 'timestamp-millis', doc: 'When.', default: undefined },
      { path: 'home', type: 'null | shop.common.Address', doc: '', default: 'null' },
      { path: 'home.street', type: 'string', doc: '', default: undefined },
      { path: 'tags', type: 'array<string>', doc: '', default: undefined },
    ]);
  });
});
