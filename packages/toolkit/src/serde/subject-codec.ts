import type avsc from 'avsc';
import { createAvroType } from '../avro/create-avro-type.ts';
import { ContractError } from '../errors.ts';
import { findInvalidFields } from './validation.ts';
import { encodeFramed } from './wire-format.ts';
import { type WriterIdSlot, type WriterIds, writerIdOf } from './writer-id.ts';

/** One compiled record (an event, a key): the type encode writes and decode reads into, and its slot. */
export interface SubjectCodec {
  /** Names the data in errors: `orders`, `orders key`, `orders event shop.orders.OrderPlaced`. */
  readonly label: string;
  readonly type: avsc.Type;
  /** The union subject's slot for an event of a union topic, else the codec's own. */
  readonly slot: WriterIdSlot;
}

export function createSubjectCodec(label: string, readerSchema: unknown, slot: WriterIdSlot): SubjectCodec {
  return { label, type: createAvroType(readerSchema), slot };
}

/** INVALID_VALUE listing every bad field of `value` against the codec's type. */
export function invalidValue(codec: SubjectCodec, value: unknown, cause?: unknown): ContractError {
  const details = findInvalidFields(codec.type, value);
  const summary = details.map((field) => `${field.path || '(value)'}: ${field.message}`).join('; ');
  return new ContractError('INVALID_VALUE', `invalid ${codec.label}: ${summary || String(cause)}`, {
    details,
    cause,
  });
}

/** How to read data of one writer schema into `codec`'s type: null when the writer schema is the compiled one. */
export function resolverFor(codec: SubjectCodec, writer: avsc.Type, id: number): avsc.Resolver | null {
  if (writer.equals(codec.type)) return null;
  try {
    // Java matches record, enum and fixed names by their unqualified name (the registry's check does too): a type
    // moved to another namespace, or nested in a record that moved, still reads.
    return codec.type.createResolver(writer, { ignoreNamespaces: true });
  } catch (error) {
    throw new ContractError(
      'UNDECODABLE',
      `schema id ${id} cannot be read as ${codec.slot.registered.subject}: ${(error as Error).message}`,
      { cause: error },
    );
  }
}

/**
 * Frames a record with its slot's writer id (after the branch index for a union subject), validated. Once the id
 * is known this is synchronous work handed back as a settled promise: no async frames on the hot path.
 */
export function encodeChecked(
  codec: SubjectCodec,
  record: unknown,
  ids: WriterIds,
  branch?: number,
): Promise<Buffer> {
  const known = codec.slot.writerId;
  if (known !== undefined) return settled(() => frame(codec, known, record, branch));
  // Checked before the first lookup, so a bad value is reported as such even while the registry is down.
  if (!codec.type.isValid(record)) return Promise.reject(invalidValue(codec, record));
  return writerIdOf(codec.slot, ids).then((id) => frame(codec, id, record, branch));
}

function frame(codec: SubjectCodec, id: number, record: unknown, branch: number | undefined): Buffer {
  try {
    return encodeFramed(codec.type, id, record, branch);
  } catch (error) {
    throw invalidValue(codec, record, error);
  }
}

/** `work`'s result as a promise, a synchronous throw as a rejection (what an async function would give). */
export function settled<T>(work: () => T | Promise<T>): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (error) {
    return Promise.reject(error);
  }
}
