import { describe, expect, it } from 'vitest';
import { createAvroType } from '../avro/create-avro-type.ts';
import { ContractError } from '../errors.ts';
import { decodeBody, encodeFramed, HEADER_SIZE, readSchemaId } from './wire-format.ts';

const type = createAvroType({ type: 'record', name: 'R', fields: [{ name: 's', type: 'string' }] });

describe('Confluent wire format', () => {
  it('writes magic byte 0, the schema id big-endian, then exactly the Avro body', () => {
    const framed = encodeFramed(type, 0x01020304, { s: 'hi' });
    expect(framed).toEqual(Buffer.concat([Buffer.from([0, 1, 2, 3, 4]), type.toBuffer({ s: 'hi' })]));
  });

  it('reads back the schema id it wrote', () => {
    expect(readSchemaId(encodeFramed(type, 4_000_000_000, { s: '' }))).toBe(4_000_000_000);
  });

  it('frames values larger than its scratch buffer', () => {
    const big = 'x'.repeat(200_000);
    const framed = encodeFramed(type, 7, { s: big });
    expect(decodeBody(type, undefined, framed, 'm')).toEqual({ s: big });
    expect(encodeFramed(type, 7, { s: 'small' }).length).toBe(HEADER_SIZE + 6);
  });

  it('returns buffers that later encodes do not overwrite', () => {
    const first = encodeFramed(type, 1, { s: 'first' });
    encodeFramed(type, 2, { s: 'second' });
    expect(decodeBody(type, undefined, first, 'm')).toEqual({ s: 'first' });
  });

  it('rejects a buffer shorter than the header as NOT_WIRE_FORMAT', () => {
    expect(() => readSchemaId(Buffer.from([0, 0, 0]))).toThrow(
      expect.objectContaining({ code: 'NOT_WIRE_FORMAT', retriable: false }),
    );
  });

  it('rejects a wrong magic byte as NOT_WIRE_FORMAT', () => {
    const error = (() => {
      try {
        readSchemaId(Buffer.from('{"json":true}'));
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ContractError);
    expect(error).toMatchObject({ code: 'NOT_WIRE_FORMAT', message: 'magic byte is 123, expected 0' });
  });

  it('refuses a truncated body and trailing bytes', () => {
    const framed = encodeFramed(type, 1, { s: 'hello' });
    expect(() => decodeBody(type, undefined, framed.subarray(0, framed.length - 1), 'm')).toThrow(
      'truncated body',
    );
    expect(() => decodeBody(type, undefined, Buffer.concat([framed, Buffer.from([1])]), 'm')).toThrow(
      '1 trailing bytes',
    );
  });
});
