import {
  ContractError,
  type ContractErrorCode,
  EVENT_HEADERS,
  type EventContext,
  type Serde,
} from '@events/contracts';
import { isServiceError } from '@events/service-platform/errors';
import { consumedTopic } from '../domain/consumed-topic.ts';
import { createProfile } from '../domain/create-profile.ts';
import type { ReadMessage } from '../domain/process-chunk.ts';
import type { ProfileDraft } from '../domain/profile.ts';
import { routeConsumedEvents } from './consumed-events.ts';
import { headerText } from './message-headers.ts';

// Faults of the message itself. Anything else (registry unreachable or refusing our credentials) is ours
// to fix, so it is retried rather than dead-lettering every message that passes by meanwhile.
const POISON_CODES: ReadonlySet<ContractErrorCode> = new Set([
  'NOT_WIRE_FORMAT',
  'UNKNOWN_SCHEMA_ID',
  'UNDECODABLE',
  'INVALID_VALUE',
  // An event type this build does not know: the router's `dead-letter` policy hands it here.
  'UNKNOWN_EVENT_TYPE',
]);

export type MessageReader = ReadMessage & {
  /** The event router every message goes through: the contract manifest reads its handler map. */
  readonly router: ReturnType<typeof routeConsumedEvents>;
};

/**
 * Poison (the message itself is bad) comes back as `ok: false`; anything that may succeed on a retry
 * (registry unavailable, unexpected errors) is thrown so the caller retries without committing.
 */
export function createMessageReader({ serde }: { serde: Pick<Serde, 'decode'> }): MessageReader {
  // Handlers return nothing: each message's draft is kept with the context object it was routed with.
  const routed = new WeakMap<EventContext, { eventId: string; draft?: ProfileDraft }>();
  const router = routeConsumedEvents(async (event, context) => {
    const message = routed.get(context);
    if (message) message.draft = createProfile(event, message.eventId);
  });
  const read: ReadMessage = async ({ topic, partition, message }) => {
    // Without an event-id header the record's coordinates still identify this event uniquely.
    const eventId =
      headerText(message.headers, EVENT_HEADERS.eventId) ?? `${topic}:${partition}:${message.offset}`;
    const traceparent = headerText(message.headers, EVENT_HEADERS.traceparent);
    if (message.value === null || message.value.length === 0) {
      return { ok: false, code: 'NOT_WIRE_FORMAT', reason: 'message has no value', eventId, traceparent };
    }
    const value = message.value;
    const context: EventContext<string> = {
      topic,
      partition,
      offset: message.offset,
      key: message.key?.toString() ?? null,
    };
    const routing: { eventId: string; draft?: ProfileDraft } = { eventId };
    routed.set(context, routing);
    try {
      const outcome = await router.routeDecoded(() => serde.decode(consumedTopic, value), context);
      const draft = routing.draft;
      if (!draft)
        throw new Error(`${topic} event ${outcome}, not handled: profile-service has no draft to store`);
      return { ok: true, draft, eventId, traceparent };
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
  return Object.assign(read, { router });
}
