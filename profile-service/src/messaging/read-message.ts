import { ContractError, type ContractErrorCode, EVENT_HEADERS, type Serde } from '@events/contracts';
import { isServiceError } from '@events/service-platform/errors';
import { consumedTopic } from '../domain/consumed-topic.ts';
import { createProfile } from '../domain/create-profile.ts';
import type { ReadMessage } from '../domain/process-chunk.ts';
import { headerText } from './message-headers.ts';

// Faults of the message itself. Anything else (registry unreachable or refusing our credentials) is ours
// to fix, so it is retried rather than dead-lettering every message that passes by meanwhile.
const POISON_CODES: ReadonlySet<ContractErrorCode> = new Set([
  'NOT_WIRE_FORMAT',
  'UNKNOWN_SCHEMA_ID',
  'UNDECODABLE',
  'INVALID_VALUE',
]);

/**
 * Poison (the message itself is bad) comes back as `ok: false`; anything that may succeed on a retry
 * (registry unavailable, unexpected errors) is thrown so the caller retries without committing.
 */
export function createMessageReader({ serde }: { serde: Pick<Serde, 'decode'> }): ReadMessage {
  return async ({ topic, partition, message }) => {
    // Without an event-id header the record's coordinates still identify this event uniquely.
    const eventId =
      headerText(message.headers, EVENT_HEADERS.eventId) ?? `${topic}:${partition}:${message.offset}`;
    const traceparent = headerText(message.headers, EVENT_HEADERS.traceparent);
    if (message.value === null || message.value.length === 0) {
      return { ok: false, code: 'NOT_WIRE_FORMAT', reason: 'message has no value', eventId, traceparent };
    }
    try {
      const event = await serde.decode(consumedTopic, message.value);
      return { ok: true, draft: createProfile(event, eventId), eventId, traceparent };
    } catch (error) {
      if (error instanceof ContractError && POISON_CODES.has(error.code)) {
        return { ok: false, code: error.code, reason: error.message, eventId, traceparent };
      }
      if (isServiceError(error, 'INVALID_EVENT')) {
        return { ok: false, code: error.code, reason: error.message, eventId, traceparent };
      }
      throw error;
    }
  };
}
