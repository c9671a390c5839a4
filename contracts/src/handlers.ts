import type { EventOf, TopicName } from './topics.ts';

/** Metadata a consumer passes along with a decoded event. */
export interface EventContext<T extends TopicName = TopicName> {
  topic: T;
  partition: number;
  offset: string;
  /** The message key as a string (for user_register: the user id). */
  key: string | null;
}

export type EventHandler<T extends TopicName> = (
  event: EventOf<T>,
  context: EventContext<T>,
) => Promise<void>;

export interface TopicHandler<T extends TopicName> {
  readonly topic: T;
  readonly handle: EventHandler<T>;
}

/** Ties a handler to its topic, so a handler written for another event type fails to compile. */
export function defineHandler<T extends TopicName>(topic: T, handle: EventHandler<T>): TopicHandler<T> {
  return { topic, handle };
}
