import type avsc from 'avsc';
import { ContractError } from '../errors.ts';

const MAGIC_BYTE = 0;
export const HEADER_SIZE = 5;

let scratch = Buffer.allocUnsafe(64 * 1024);

/**
 * Confluent framing (magic byte, schema id big-endian, Avro body) written in place: the body is encoded into a
 * reused scratch buffer behind the header and copied once into an exact-size buffer, as avsc's own toBuffer
 * does, instead of concatenating a header and a body. Throws avsc's error for a value the type rejects.
 */
export function encodeFramed(type: avsc.Type, schemaId: number, value: unknown): Buffer {
  let end = type.encode(value, scratch, HEADER_SIZE);
  if (end < 0) {
    // avsc returns minus the number of missing bytes: grow once and write again.
    scratch = Buffer.allocUnsafe(Math.max(scratch.length * 2, scratch.length - end));
    end = type.encode(value, scratch, HEADER_SIZE);
  }
  scratch[0] = MAGIC_BYTE;
  scratch.writeUInt32BE(schemaId, 1);
  const framed = Buffer.allocUnsafe(end);
  scratch.copy(framed, 0, 0, end);
  return framed;
}

/** The schema id of a framed message; NOT_WIRE_FORMAT when the buffer cannot be one. */
export function readSchemaId(message: Buffer): number {
  if (!Buffer.isBuffer(message) || message.length < HEADER_SIZE) {
    throw new ContractError(
      'NOT_WIRE_FORMAT',
      `expected at least ${HEADER_SIZE} bytes of Confluent wire format`,
    );
  }
  if (message[0] !== MAGIC_BYTE) {
    throw new ContractError('NOT_WIRE_FORMAT', `magic byte is ${message[0]}, expected ${MAGIC_BYTE}`);
  }
  return message.readUInt32BE(1);
}

/** The Avro body read with `type` (through `resolver` when the writer schema differs); throws on bad data. */
export function decodeBody(type: avsc.Type, resolver: avsc.Resolver | undefined, message: Buffer): unknown {
  const { value, offset } = type.decode(message, HEADER_SIZE, resolver);
  if (offset < 0) throw new Error('truncated body');
  if (offset !== message.length) throw new Error(`${message.length - offset} trailing bytes after the body`);
  return value;
}
