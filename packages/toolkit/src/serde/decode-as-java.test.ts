import { describe, expect, it } from 'vitest';
import { createAvroType } from '../avro/create-avro-type.ts';
import type { ContractError } from '../errors.ts';
import type { TopicNameTopic } from '../topic-descriptor.ts';
import { createTopicCodec } from './create-topic-codec.ts';
import { createKeyCodec } from './key-codec.ts';
import type { WriterIds } from './writer-id.ts';

// The repros of /shared/repros/runtime: each body is what Avro 1.12's Java writer produced, and each expectation
// what Java's GenericDatumReader(writer, reader) returned, read here as a consumer does (the writer schema as the
// registry serves it by id, resolved into the generated reader schema).

const WRITER_ID = 7;

function singleEventTopic(readerSchema: { name: string; namespace?: string }): TopicNameTopic {
  const name = readerSchema.namespace ? `${readerSchema.namespace}.${readerSchema.name}` : readerSchema.name;
  return {
    topic: 'things',
    doc: '',
    multiEvent: false,
    strategy: 'TopicNameStrategy',
    key: { type: 'string', doc: '' },
    events: { [name]: { name, schema: readerSchema } },
    producers: [],
    consumers: [],
    value: { subject: 'things-value', version: 1, schema: readerSchema, references: [] },
  };
}

function framed(bodyHex: string): Buffer {
  return Buffer.concat([Buffer.from([0, 0, 0, 0, WRITER_ID]), Buffer.from(bodyHex, 'hex')]);
}

function consume(writerSchema: unknown, readerSchema: { name: string }, bodyHex: string): unknown {
  const codec = createTopicCodec(singleEventTopic(readerSchema), undefined);
  return codec.decoderFor(createAvroType(writerSchema), WRITER_ID)(framed(bodyHex));
}

function failure(work: () => unknown): ContractError {
  try {
    work();
  } catch (error) {
    return error as ContractError;
  }
  throw new Error('expected a failure');
}

const declared = (namespace: string, aliases: string[]) => ({
  type: 'record',
  name: 'Declared',
  namespace,
  aliases,
  fields: [
    {
      name: 'lines',
      type: {
        type: 'array',
        items: { type: 'record', name: 'Line', fields: [{ name: 'code', type: 'string' }] },
      },
    },
  ],
});

const withField = (type: unknown) => ({ type: 'record', name: 'R', fields: [{ name: 'on', type }] });

describe('a consumer decodes as Avro’s Java reader does', () => {
  it('reads a record moved to another namespace, nested types included, both directions (R2)', () => {
    const moved = declared('new.ns', ['old.ns.Declared']);
    const old = declared('old.ns', []);
    expect(consume(old, moved, '02026100')).toEqual({ lines: [{ code: 'a' }] });
    expect(consume(moved, old, '02026100')).toEqual({ lines: [{ code: 'a' }] });
  });

  it('promotes a date written into a timestamp-millis reader: 19700 days read as 19700 ms (R3)', () => {
    const written = withField({ type: 'int', logicalType: 'date' });
    const reader = withField({ type: 'long', logicalType: 'timestamp-millis' });
    expect(consume(written, reader, 'e8b302')).toEqual({ on: new Date(19_700) });
  });

  it('reads negative longs between −2^53 and −2^52 with their sign (R4a)', () => {
    const schema = withField('long');
    expect(consume(schema, schema, 'f992a8e7a9859516')).toEqual({ on: -6238720486606013 });
    expect(consume(schema, schema, '8180808080808010')).toEqual({ on: -4503599627370497 });
    expect(consume(schema, withField('double'), 'f992a8e7a9859516')).toEqual({ on: -6238720486606013 });
  });

  it('rounds an int read as float to float32 (R4b)', () => {
    expect(consume(withField('int'), withField('float'), 'd6d9dbd006')).toEqual({ on: 889943680 });
  });

  it('reads a date beyond Date’s range as its calendar day (R5)', () => {
    const reader = withField({ type: 'int', logicalType: 'date' });
    expect(consume(withField('int'), reader, '80d0acf30e')).toEqual({ on: '+5477784-01-06' });
  });

  it('fails a long beyond ±(2^53 − 1) with UNDECODABLE naming the field, never a rounded number', () => {
    const reader = {
      type: 'record',
      name: 'Order',
      fields: [
        { name: 'id', type: 'string' },
        { name: 'lines', type: { type: 'array', items: withField(['null', 'long']) } },
      ],
    };
    // id "x", lines [{on: 1}, {on: -2^63}]
    const error = failure(() => consume(reader, reader, '027804020202ffffffffffffffffff0100'));
    expect(error).toMatchObject({ name: 'ContractError', code: 'UNDECODABLE', retriable: false });
    expect(error.details).toEqual([
      {
        path: 'lines.1.on',
        message:
          'long -9223372036854775808 is outside ±(2^53 − 1), the integers a JavaScript number holds exactly',
      },
    ]);
    expect(error.message).toContain('things message with schema id 7 cannot be decoded: lines.1.on: long');
  });

  it('names the field in events of a multi-event topic and in Avro keys too', async () => {
    const paid = {
      type: 'record',
      name: 'Paid',
      namespace: 'shop',
      fields: [{ name: 'cents', type: 'long' }],
    };
    const opened = {
      type: 'record',
      name: 'Opened',
      namespace: 'shop',
      fields: [{ name: 'at', type: 'long' }],
    };
    const union = [opened, paid];
    const topic: TopicNameTopic = {
      ...singleEventTopic(paid),
      multiEvent: true,
      events: {
        'shop.Opened': { name: 'shop.Opened', schema: opened },
        'shop.Paid': { name: 'shop.Paid', schema: paid },
      },
      value: { subject: 'things-value', version: 1, schema: union, references: [] },
      key: {
        type: 'avro',
        doc: '',
        schema: paid,
        registered: { subject: 'things-key', version: 1, schema: paid, references: [] },
      },
    };
    const decode = createTopicCodec(topic, undefined).decoderFor(createAvroType(union), WRITER_ID);
    expect(decode(framed('02feffffffffffff1f'))).toEqual({
      type: 'shop.Paid',
      value: { cents: 2 ** 53 - 1 },
    });
    const event = failure(() => decode(framed('02feffffffffffffffff01')));
    expect(event).toMatchObject({ code: 'UNDECODABLE', details: [{ path: 'cents' }] });
    expect(event.message).toMatch(
      /^things message with schema id 7 cannot be decoded: cents: long 9223372036854775807/,
    );

    const key = createKeyCodec(topic);
    for (const slot of key.slots) slot.writerId = WRITER_ID;
    const keyError = (await key
      .decode(framed('feffffffffffffffff01'), {} as WriterIds)
      .catch((caught: unknown) => caught)) as ContractError;
    expect(keyError).toMatchObject({ code: 'UNDECODABLE', details: [{ path: 'cents' }] });
    expect(keyError.message).toMatch(/^things key with schema id 7 cannot be decoded: cents: long/);
  });

  it('fails a timestamp beyond Date’s range with UNDECODABLE naming the field', () => {
    const schema = withField({ type: 'long', logicalType: 'timestamp-millis' });
    const error = failure(() => consume(withField('long'), schema, 'feffffffffffff1f'));
    expect(error).toMatchObject({ code: 'UNDECODABLE' });
    expect(error.details).toEqual([
      {
        path: 'on',
        message: 'timestamp-millis 9007199254740991 is outside the ±8.64e15 ms a JavaScript Date holds',
      },
    ]);
  });

  it('refuses to encode a long it cannot write exactly, naming the field', async () => {
    const codec = createTopicCodec(singleEventTopic(withField('long')), undefined);
    for (const slot of codec.slots) slot.writerId = WRITER_ID;
    const error = await codec
      .encode({ on: 2 ** 60 }, {} as WriterIds)
      .catch((caught: ContractError) => caught);
    expect(error).toMatchObject({ code: 'INVALID_VALUE' });
    expect((error as ContractError).details).toEqual([
      { path: 'on', message: 'expected long (an integer within ±(2^53 − 1)), got 1152921504606847000' },
    ]);
    const exact = await codec.encode({ on: -4503599627370497 }, {} as WriterIds);
    expect(exact.subarray(5).toString('hex')).toBe('8180808080808010');
  });

  it('round-trips empty strings, bytes, arrays and maps and non-ASCII text', async () => {
    const schema = {
      type: 'record',
      name: 'Edges',
      fields: [
        { name: 's', type: 'string' },
        { name: 'b', type: 'bytes' },
        { name: 'a', type: { type: 'array', items: 'int' } },
        { name: 'm', type: { type: 'map', values: 'string' } },
        { name: 'text', type: 'string' },
      ],
    };
    const value = { s: '', b: Buffer.alloc(0), a: [], m: {}, text: 'Zoë – 東京 🎉' };
    const codec = createTopicCodec(singleEventTopic(schema), undefined);
    for (const slot of codec.slots) slot.writerId = WRITER_ID;
    const message = await codec.encode(value, {} as WriterIds);
    expect(codec.decoderFor(createAvroType(schema), WRITER_ID)(message)).toEqual(value);
  });
});
