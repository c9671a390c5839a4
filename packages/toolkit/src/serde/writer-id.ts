import { ContractError } from '../errors.ts';
import type { SerdeRegistry } from '../registry/registry-client.ts';
import type { RegisteredSchema } from '../topic-descriptor.ts';

/** A compiled schema as registered under its subject, and its id once looked up. */
export interface WriterIdSlot {
  readonly registered: RegisteredSchema;
  writerId: number | undefined;
  pendingWriterId: Promise<number> | undefined;
}

export function createSlot(registered: RegisteredSchema): WriterIdSlot {
  return { registered, writerId: undefined, pendingWriterId: undefined };
}

/** The registry side of a serde: id lookups, writer types and, with autoRegister (dev/test only), registration. */
export interface WriterIds {
  lookup: SerdeRegistry;
  autoRegister: boolean;
}

async function fetchWriterId(slot: WriterIdSlot, ids: WriterIds): Promise<number> {
  try {
    return await ids.lookup.idOf(slot.registered);
  } catch (error) {
    if (!(ids.autoRegister && error instanceof ContractError && error.code === 'SCHEMA_NOT_REGISTERED'))
      throw error;
    const { subject, schema, references } = slot.registered;
    return (await ids.lookup.register(subject, schema, references)).id;
  }
}

/** The id to frame with; looked up once (concurrent callers share the request), then synchronous. */
export function writerIdOf(slot: WriterIdSlot, ids: WriterIds): Promise<number> {
  if (slot.writerId !== undefined) return Promise.resolve(slot.writerId);
  slot.pendingWriterId ??= fetchWriterId(slot, ids)
    .then((id) => {
      slot.writerId = id;
      return id;
    })
    .finally(() => {
      slot.pendingWriterId = undefined;
    });
  return slot.pendingWriterId;
}
