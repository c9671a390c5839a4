import { isContractError, type Serde } from '@events/contracts';
import { ZodError } from 'zod';
import type { OutboxRow } from '../db/outbox-repository.ts';
import { toUserRegister, USER_REGISTER } from '../domain/user-registered-event.ts';

/** Turns a stored row into the Kafka message value (registry wire format). */
export type EncodeOutboxRow = (row: OutboxRow) => Promise<Buffer>;

export function createUserRegisterEncoder(deps: { serde: Pick<Serde, 'encode'> }): EncodeOutboxRow {
  return (row) => deps.serde.encode(USER_REGISTER, toUserRegister(row.payload));
}

/** Retrying cannot fix these; a registry outage or a schema not registered yet can be fixed, so they retry. */
export function isPermanentEncodeFailure(error: unknown): boolean {
  if (error instanceof ZodError) return true;
  return isContractError(error, 'INVALID_VALUE') || isContractError(error, 'UNKNOWN_TOPIC');
}
