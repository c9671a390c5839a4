import { ContractError, isContractError, isTopicName, type Serde } from '@events/contracts';
import type { OutboxRow } from './outbox-repository.ts';

/** Turns a stored row into its Kafka message value (registry wire format), whatever its topic. */
export type EncodeOutboxRow = (row: OutboxRow) => Promise<Buffer>;

export function createOutboxEncoder(deps: { serde: Pick<Serde, 'encode' | 'fromJSON'> }): EncodeOutboxRow {
  return async (row) => {
    if (!isTopicName(row.topic))
      throw new ContractError(
        'UNKNOWN_TOPIC',
        `no contract for the outbox topic ${JSON.stringify(row.topic)}`,
      );
    return deps.serde.encode(row.topic, deps.serde.fromJSON(row.topic, row.payload));
  };
}

/** Retrying cannot fix these; a registry outage or a schema not registered yet can be fixed, so they retry. */
export function isPermanentEncodeFailure(error: unknown): boolean {
  return isContractError(error, 'INVALID_VALUE') || isContractError(error, 'UNKNOWN_TOPIC');
}
