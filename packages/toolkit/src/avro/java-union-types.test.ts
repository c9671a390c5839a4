import type avsc from 'avsc';
import { describe, expect, it } from 'vitest';
import { createAvroType } from './create-avro-type.ts';

function read(readerSchema: unknown, writerSchema: unknown, value: unknown): unknown {
  const reader = createAvroType(readerSchema);
  const writer = createAvroType(writerSchema);
  return reader.fromBuffer(writer.toBuffer(value), reader.createResolver(writer, { ignoreNamespaces: true }));
}

const record = (namespace: string, name: string, field: unknown) => ({
  type: 'record',
  name,
  namespace,
  fields: [{ name: 'f', type: field }],
});

describe('unions resolve as Java does', () => {
  it('wraps and unwraps as avsc’s auto mode does', () => {
    expect(createAvroType(['null', 'string']).typeName).toBe('union:unwrapped');
    expect(createAvroType(['long', 'int']).typeName).toBe('union:wrapped');
  });

  it('reads a writer type into the branch of the same type before a promotion', () => {
    expect(read(['long', 'int'], 'int', 3)).toEqual({ int: 3 });
    expect(read(['long', 'int'], ['long', 'int'], { int: 3 })).toEqual({ int: 3 });
    expect(read(['null', 'bytes', 'string'], 'string', 'é')).toBe('é');
  });

  it('promotes into the first branch that takes the writer type, in reader order', () => {
    expect(read(['null', 'float', 'double'], 'long', 889943659)).toEqual({ float: 889943680 });
    expect(read(['null', 'bytes'], 'string', 'é')).toEqual(Buffer.from('é'));
  });

  it('matches a named branch by full name or alias first, then by its unqualified name', () => {
    const enumIn = (namespace: string) => ({ type: 'enum', name: 'E', namespace, symbols: ['P', 'Q'] });
    expect(read(['null', enumIn('y')], enumIn('x'), 'Q')).toBe('Q');
    const moved = read(
      record('y', 'A', ['null', record('y', 'L', 'int'), record('x', 'L', 'long')]),
      record('x', 'A', ['null', record('x', 'L', 'int')]),
      { f: { f: 3 } },
    );
    expect(moved).toEqual({ f: { 'x.L': { f: 3 } } });
  });

  it('promotes a logical type’s underlying type: a date written reads into a timestamp-millis branch', () => {
    const date = { type: 'int', logicalType: 'date' };
    const millis = { type: 'long', logicalType: 'timestamp-millis' };
    expect(read(['null', millis], date, '2023-12-09')).toEqual(new Date(19_700));
  });

  it('still refuses a writer type no branch can read', () => {
    const reader = createAvroType(['null', 'int']);
    expect(() => reader.createResolver(createAvroType('string') as avsc.Type)).toThrow('cannot read');
  });
});

describe('union field defaults, as Avro 1.12 Java takes them', () => {
  const withChannel = (type: unknown, fallback: unknown) => ({
    type: 'record',
    name: 'Event',
    fields: [
      { name: 'n', type: 'int' },
      { name: 'channel', type, default: fallback },
    ],
  });
  const old = { type: 'record', name: 'Event', fields: [{ name: 'n', type: 'int' }] };

  it('reads data written without the field as the default of a later branch (Java reads "post")', () => {
    expect(read(withChannel(['null', 'string'], 'post'), old, { n: 1 })).toEqual({ n: 1, channel: 'post' });
  });

  it('wraps a later-branch default in its branch when the union is wrapped', () => {
    expect(read(withChannel(['null', 'long', 'int'], 3), old, { n: 1 })).toEqual({
      n: 1,
      channel: { long: 3 },
    });
  });

  it('still refuses a default that fits no branch, naming it', () => {
    expect(() => createAvroType(withChannel(['null', 'int'], 'post'))).toThrow(
      /incompatible field default "post"/,
    );
  });
});
