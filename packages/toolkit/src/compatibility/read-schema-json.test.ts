import avsc from 'avsc';
import { describe, expect, it } from 'vitest';
import { schemaChanges } from '../../test/schema-pairs.ts';
import { ContractError } from '../errors.ts';
import { readSchemaJson } from './read-schema-json.ts';
import { record } from './test-schemas.ts';

describe('readSchemaJson', () => {
  const schemas = schemaChanges.flatMap((change) => [...change.history, change.candidate]);

  it(`accepts each of the ${schemas.length} schemas of the registry agreement cases, as avsc does`, () => {
    for (const schema of schemas) {
      expect(() => avsc.Type.forSchema(schema as avsc.Schema)).not.toThrow();
      expect(() => readSchemaJson(schema, 'v1')).not.toThrow();
    }
  });

  it('qualifies names and aliases with the enclosing namespace', () => {
    const schema = {
      ...record([
        { name: 'a', type: { type: 'enum', name: 'E', symbols: ['X'], aliases: ['Old'], default: 'X' } },
        { name: 'b', type: 'E' },
      ]),
      namespace: 'ns',
    };
    const enumNode = {
      type: 'enum',
      fullName: 'ns.E',
      name: 'E',
      aliases: ['ns.Old'],
      symbols: ['X'],
      default: 'X',
    };
    expect(readSchemaJson(schema, 'v1').node).toEqual({
      type: 'record',
      fullName: 'ns.Event',
      name: 'Event',
      aliases: [],
      fields: [
        { name: 'a', aliases: [], type: enumNode, hasDefault: false },
        { name: 'b', aliases: [], type: enumNode, hasDefault: false },
      ],
    });
  });

  it('keeps logical types beside their underlying types, with the scale of a decimal', () => {
    const schema = record([
      { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } },
      { name: 'price', type: { type: 'bytes', logicalType: 'decimal', precision: 9, scale: 2 } },
      {
        name: 'hash',
        type: { type: 'fixed', name: 'Amount', size: 8, logicalType: 'decimal', precision: 9 },
      },
    ]);
    const node = readSchemaJson(schema, 'v1').node;
    expect(node.type === 'record' && node.fields.map((field) => field.type)).toEqual([
      { type: 'long', logical: { name: 'timestamp-millis' } },
      { type: 'bytes', logical: { name: 'decimal', scale: 2 } },
      expect.objectContaining({ type: 'fixed', size: 8, logical: { name: 'decimal', scale: 0 } }),
    ]);
  });

  it('accepts a union default of a later branch, as Avro 1.12 (the registry) does and avsc does not', () => {
    const schema = record([{ name: 'channel', type: ['null', 'string'], default: 'post' }]);
    expect(() => avsc.Type.forSchema(schema as avsc.Schema)).toThrow(/union defaults must match the first/);
    expect(readSchemaJson(schema, 'v1').node).toMatchObject({
      fields: [{ name: 'channel', hasDefault: true }],
    });
    const nested = record([
      {
        name: 'inner',
        type: ['null', record([{ name: 'u', type: ['null', 'string'] }], 'Inner')],
        default: { u: 'x' },
      },
    ]);
    expect(() => readSchemaJson(nested, 'v1')).not.toThrow();
    const noBranch = record([{ name: 'n', type: ['null', 'int'], default: 'x' }]);
    expect(() => readSchemaJson(noBranch, 'v1')).toThrow(/invalid default for field n of Event/);
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
    it(`rejects ${name}, as avsc does`, () => {
      expect(() => avsc.Type.forSchema(schema as avsc.Schema)).toThrow();
      expect(() => readSchemaJson(schema, 'v1')).toThrow(ContractError);
    });
  }

  it('says which field has an invalid default', () => {
    expect(() => readSchemaJson(record([{ name: 'age', type: 'int', default: 'unknown' }]), 'v3')).toThrow(
      'v3 is not a valid Avro schema: invalid default for field age of Event: "unknown" does not fit `int`',
    );
  });
});
