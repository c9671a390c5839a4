import { describe, expect, it } from 'vitest';
import { schemaChanges } from '../../test/schema-pairs.ts';
import { ContractError } from '../errors.ts';
import { parseSchema } from './parse-schema.ts';
import { readSchemaJson } from './read-schema-json.ts';
import { record } from './test-schemas.ts';

describe('readSchemaJson', () => {
  const schemas = schemaChanges.flatMap((change) => [...change.history, change.candidate]);

  it(`reads each of the ${schemas.length} schemas of the registry agreement cases exactly as parseSchema does`, () => {
    for (const schema of schemas)
      expect(readSchemaJson(schema, 'v1').node).toEqual(parseSchema(schema, 'v1'));
  });

  it('qualifies names and aliases with the enclosing namespace, as avsc does', () => {
    const schema = {
      ...record([
        { name: 'a', type: { type: 'enum', name: 'E', symbols: ['X'], aliases: ['Old'] } },
        { name: 'b', type: 'E' },
      ]),
      namespace: 'ns',
    };
    expect(readSchemaJson(schema, 'v1').node).toEqual(parseSchema(schema, 'v1'));
  });

  it('rejects an undefined reference and a duplicate name, naming the schema', () => {
    expect(() => readSchemaJson(record([{ name: 'a', type: 'Missing' }]), 'v2')).toThrow(
      new ContractError('INVALID_SCHEMA', 'v2 is not a valid Avro schema: undefined type name: Missing'),
    );
    const twice = record([
      { name: 'a', type: { type: 'fixed', name: 'F', size: 1 } },
      { name: 'b', type: { type: 'fixed', name: 'F', size: 2 } },
    ]);
    expect(() => readSchemaJson(twice, 'v3')).toThrow(
      /v3 is not a valid Avro schema: duplicate type name: F/,
    );
  });
});

describe('readSchemaJson rejects what avsc rejects', () => {
  const invalid: Record<string, unknown> = {
    'a default of the wrong type': record([{ name: 'age', type: 'int', default: 'unknown' }]),
    'an int default out of range': record([{ name: 'n', type: 'int', default: 2 ** 31 }]),
    'a null default for a union whose first branch is not null': record([
      { name: 'nick', type: ['string', 'null'], default: null },
    ]),
    'an enum default that is not a symbol': record([
      { name: 'c', type: { type: 'enum', name: 'C', symbols: ['A'] }, default: 'B' },
    ]),
    'a record default missing a field without default': record([
      { name: 'a', type: record([{ name: 'x', type: 'int' }], 'Inner'), default: {} },
    ]),
    'an invalid field name': record([{ name: 'first-name', type: 'string' }]),
    'an invalid enum symbol': record([{ name: 'c', type: { type: 'enum', name: 'C', symbols: ['A-B'] } }]),
    'a duplicate symbol': record([{ name: 'c', type: { type: 'enum', name: 'C', symbols: ['A', 'A'] } }]),
    'a duplicate field': record([
      { name: 'a', type: 'int' },
      { name: 'a', type: 'string' },
    ]),
    'a duplicate union branch': record([{ name: 'a', type: ['null', 'string', 'string'] }]),
    'a nested union': record([{ name: 'a', type: ['null', ['int', 'string']] }]),
    'an undefined reference': record([{ name: 'a', type: 'Nowhere' }]),
    'a missing fields array': { type: 'record', name: 'R' },
  };

  for (const [name, schema] of Object.entries(invalid)) {
    it(`rejects ${name}, as parseSchema does`, () => {
      expect(() => parseSchema(schema, 'v1')).toThrow(ContractError);
      expect(() => readSchemaJson(schema, 'v1')).toThrow(ContractError);
    });
  }

  it('says which field has an invalid default', () => {
    expect(() => readSchemaJson(record([{ name: 'age', type: 'int', default: 'unknown' }]), 'v3')).toThrow(
      'v3 is not a valid Avro schema: invalid default for field age of Event: "unknown" does not fit `int`',
    );
  });
});
