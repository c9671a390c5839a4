import type avsc from 'avsc';
import { locateUnrepresentable, UnrepresentableValue } from '../avro/unrepresentable.ts';
import { ContractError } from '../errors.ts';

const MAGIC_BYTE = 0;
export const HEADER_SIZE = 5;

let scratch = Buffer.allocUnsafe(64 * 1024);

/**
 * Confluent framing (magic byte, schema id big-endian, Avro body) written in place: the body is encoded into a
 * reused scratch buffer behind the header and copied once into an exact-size buffer, as avsc's own toBuffer
 * does, instead of concatenating a header and a body. Throws avsc's error for a value the type rejects.
 */
export function encodeFramed(
  type: avsc.Type,
  schemaId: number,
  value: unknown,
  unionBranch?: number,
): Buffer {
  // A value of a union subject is the branch index (zigzag varint) followed by the branch's body.
  const bodyStart =
    unionBranch === undefined ? HEADER_SIZE : writeVarint(scratch, HEADER_SIZE, unionBranch * 2);
  let end = type.encode(value, scratch, bodyStart);
  if (end < 0) {
    // avsc returns minus the number of missing bytes: grow once and write again.
    scratch = Buffer.allocUnsafe(Math.max(scratch.length * 2, scratch.length - end));
    end = type.encode(value, scratch, bodyStart);
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

/** Names a message in decode errors, as the serde's own decode errors do. */
export function messageLabel(topic: string, id: number): string {
  return `${topic} message with schema id ${id}`;
}

/**
 * The Avro body read with `type` (through `resolver` when the writer schema differs); throws on bad data. `label`
 * names the message (`orders message with schema id 7`) in the UNDECODABLE error for a value JavaScript cannot
 * hold exactly, which lists each such field by its path.
 */
export function decodeBody(
  type: avsc.Type,
  resolver: avsc.Resolver | undefined,
  message: Buffer,
  label: string,
  bodyStart = HEADER_SIZE,
): unknown {
  let decoded: { value: unknown; offset: number };
  try {
    decoded = type.decode(message, bodyStart, resolver);
  } catch (error) {
    if (!(error instanceof UnrepresentableValue)) throw error;
    const details = locateUnrepresentable(() => type.decode(message, bodyStart, resolver).value);
    const summary = details.map((field) => `${field.path || '(value)'}: ${field.message}`).join('; ');
    throw new ContractError('UNDECODABLE', `${label} cannot be decoded: ${summary || error.message}`, {
      cause: error,
      details,
    });
  }
  const { value, offset } = decoded;
  if (offset < 0) throw new Error('truncated body');
  if (offset !== message.length) throw new Error(`${message.length - offset} trailing bytes after the body`);
  return value;
}

/** The union branch index at the start of the body of a union subject's message, and where the branch starts. */
export function readUnionBranch(message: Buffer): { branch: number; bodyStart: number } {
  let zigzag = 0;
  let shift = 0;
  let offset = HEADER_SIZE;
  for (;;) {
    const byte = message[offset];
    if (byte === undefined || shift > 28)
      throw new ContractError('UNDECODABLE', 'truncated union branch index');
    zigzag |= (byte & 0x7f) << shift;
    offset += 1;
    if ((byte & 0x80) === 0) break;
    shift += 7;
  }
  return { branch: (zigzag >>> 1) ^ -(zigzag & 1), bodyStart: offset };
}

function writeVarint(buffer: Buffer, start: number, value: number): number {
  let offset = start;
  let rest = value;
  while (rest > 0x7f) {
    buffer[offset++] = (rest & 0x7f) | 0x80;
    rest >>>= 7;
  }
  buffer[offset++] = rest;
  return offset;
}
