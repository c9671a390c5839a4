import { ContractError } from './errors.ts';
import type { TopicDescriptors } from './topic-descriptor.ts';
import { type EventOf, type EventTypesOf, type KeyOf, type TopicName, topicDescriptor } from './topics.ts';

/** Metadata a consumer passes along with a decoded event. */
export interface EventContext<K = unknown> {
  topic: string;
  partition: number;
  offset: string;
  key: K | null;
}

/** Marks an event type the consumer deliberately does not handle. */
export const IGNORE = 'ignore';

/**
 * One entry per event type of the topic: a handler, or IGNORE. A missing event type is a compile error, so a new
 * event type in the catalog makes every consumer decide what to do with it.
 */
export type EventHandlers<D extends TopicDescriptors, T extends TopicName<D>> = {
  readonly [N in keyof EventTypesOf<D, T>]:
    | ((event: EventTypesOf<D, T>[N], context: EventContext<KeyOf<D, T>>) => Promise<void>)
    | typeof IGNORE;
};

export interface EventRouterOptions {
  /**
   * What to do with an event type this build does not know (UNKNOWN_EVENT_TYPE from decode): `dead-letter`
   * (default) rethrows it for the consumer's dead-letter path; `skip` counts it and moves on.
   */
  unknownEvents?: 'dead-letter' | 'skip';
}

export type RouteOutcome = 'handled' | 'ignored' | 'skipped';

/** What a consumer does with one event type it knows: the contract manifest publishes it. */
export type EventTypeHandling = 'handled' | 'ignored';

export interface EventRouter<D extends TopicDescriptors, T extends TopicName<D>> {
  readonly topic: T;
  /** Calls the handler of the event's type. */
  route(event: EventOf<D, T>, context: EventContext<KeyOf<D, T>>): Promise<RouteOutcome>;
  /** Routes what `decode` produces; applies the unknown-event policy to its UNKNOWN_EVENT_TYPE failure. */
  routeDecoded(
    decode: () => Promise<EventOf<D, T>>,
    context: EventContext<KeyOf<D, T>>,
  ): Promise<RouteOutcome>;
  /** Messages skipped as unknown event types so far (policy `skip`). */
  readonly skipped: number;
  /** Each event type of the topic and whether its handler map handles or ignores it. */
  readonly eventTypes: Readonly<Record<string, EventTypeHandling>>;
  /** The policy for event types this build does not know. */
  readonly unknownEvents: 'dead-letter' | 'skip';
}

type AnyHandler = ((event: unknown, context: EventContext) => Promise<void>) | typeof IGNORE;

/** Dispatches decoded events of one topic to its exhaustive handler map. */
export function createEventRouter<D extends TopicDescriptors, T extends TopicName<D>>(
  topics: D,
  topic: T,
  handlers: EventHandlers<D, T>,
  options: EventRouterOptions = {},
): EventRouter<D, T> {
  const descriptor = topicDescriptor(topics, topic);
  const byType = handlers as unknown as Record<string, AnyHandler>;
  const single = descriptor.multiEvent ? undefined : byType[Object.keys(descriptor.events)[0] as string];
  let skipped = 0;

  async function route(event: unknown, context: EventContext): Promise<RouteOutcome> {
    const handler = descriptor.multiEvent ? byType[(event as { type: string }).type] : single;
    if (handler === undefined)
      throw new ContractError(
        'UNKNOWN_EVENT_TYPE',
        `no handler for ${topic} event ${(event as { type: string }).type}`,
      );
    if (handler === IGNORE) return 'ignored';
    await handler(descriptor.multiEvent ? (event as { value: unknown }).value : event, context);
    return 'handled';
  }

  return {
    topic,
    route,
    async routeDecoded(decode, context) {
      let event: unknown;
      try {
        event = await decode();
      } catch (error) {
        if (
          options.unknownEvents === 'skip' &&
          error instanceof ContractError &&
          error.code === 'UNKNOWN_EVENT_TYPE'
        ) {
          skipped += 1;
          return 'skipped';
        }
        throw error;
      }
      return route(event, context);
    },
    get skipped() {
      return skipped;
    },
    eventTypes: Object.fromEntries(
      Object.keys(descriptor.events).map((type) => [type, byType[type] === IGNORE ? 'ignored' : 'handled']),
    ),
    unknownEvents: options.unknownEvents ?? 'dead-letter',
  };
}
