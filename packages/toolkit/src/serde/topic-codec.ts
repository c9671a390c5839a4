import type avsc from 'avsc';
import type { SubjectCodec } from './subject-codec.ts';
import type { WriterIdSlot, WriterIds } from './writer-id.ts';

/** Reads the body of a message whose writer schema id is already known. */
export type Decoder = (message: Buffer) => unknown;

/** Encode, decode and validation of one topic's values, whatever its strategy. */
export interface TopicCodec {
  readonly topic: string;
  /** Values are `{ type, value }` envelopes. */
  readonly multiEvent: boolean;
  /** The slots whose writer ids warmUp looks up. */
  readonly slots: readonly WriterIdSlot[];
  encode(value: unknown, ids: WriterIds): Promise<Buffer>;
  /** The decoder for data of writer schema `writer` (id `id`). */
  decoderFor(writer: avsc.Type, id: number): Decoder;
  /** Decoders that need no registry: data written with this build's own schemas. */
  ownDecoders(): Iterable<[number, Decoder]>;
  /** The codec a value is written with; INVALID_VALUE for an envelope of an unknown type. */
  codecOf(value: unknown): SubjectCodec;
  /** The value in the form `codec` validates: the record itself. */
  recordOf(value: unknown): unknown;
  /** Rebuilds the value from its event type and record (the inverse of codecOf + recordOf). */
  valueOf(name: string, record: unknown): unknown;
}

export interface Override {
  subject?: string;
  schema?: object;
}
