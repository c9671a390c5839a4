import { ContractError, type ContractErrorCode, EVENT_HEADERS, type Serde } from '@events/contracts';
import { isServiceError } from '@events/service-platform/errors';
import type { KafkaMessage } from 'kafkajs';
import { createProfile } from '../domain/create-profile.ts';
import type { ProfileDraft } from '../domain/profile.ts';
import { headerText } from '../kafka/message-headers.ts';
import { consumedTopic } from './consumed-topic.ts';

export interface MessageContext {
  topic: string;
  partition: number;
  message: KafkaMessage;
}

// Faults of the message itself. Anything else (registry unreachable or refusing our credentials) is ours
// to fix, so it is retried rather than dead-lettering every message that passes by meanwhile.
const POISON_CODES: ReadonlySet<ContractErrorCode> = new Set([
  'NOT_WIRE_FORMAT',
  'UNKNOWN_SCHEMA_ID',
  'UNDECODABLE',
  'INVALID_VALUE',
]);

export type ReadResult =
  | { ok: true; draft: ProfileDraft; eventId: string }
  | { ok: false; code: string; reason: string; eventId: string };

/** Decodes through the contract (reader = our compiled schema) and applies the domain's rules. */
export type ReadMessage = (context: MessageContext) => Promise<ReadResult>;

/**
 * Poison (the message itself is bad) comes back as `ok: false`; anything that may succeed on a retry
 * (registry unavailable, unexpected errors) is thrown so the caller retries without committing.
 */
export function createMessageReader({ serde }: { serde: Pick<Serde, 'decode'> }): ReadMessage {
  return async ({ topic, partition, message }) => {
    // Without an event-id header the record's coordinates still identify this event uniquely.
    const eventId =
      headerText(message.headers, EVENT_HEADERS.eventId) ?? `${topic}:${partition}:${message.offset}`;
    if (message.value === null || message.value.length === 0) {
      return { ok: false, code: 'NOT_WIRE_FORMAT', reason: 'message has no value', eventId };
    }
    try {
      const event = await serde.decode(consumedTopic, message.value);
      return { ok: true, draft: createProfile(event, eventId), eventId };
    } catch (error) {
      if (error instanceof ContractError && POISON_CODES.has(error.code)) {
        return { ok: false, code: error.code, reason: error.message, eventId };
      }
      if (isServiceError(error, 'INVALID_EVENT')) {
        return { ok: false, code: error.code, reason: error.message, eventId };
      }
      throw error;
    }
  };
}
