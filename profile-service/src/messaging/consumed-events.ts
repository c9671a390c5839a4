import {
  createEventRouter,
  type EventContext,
  type KeyOf,
  topics,
  type UserRegister,
} from '@events/contracts';
import { consumedTopic } from '../domain/consumed-topic.ts';

export type UserRegisterHandler = (
  event: UserRegister,
  context: EventContext<KeyOf<typeof consumedTopic>>,
) => Promise<void>;

/**
 * What profile-service does with each event type of its topic, one handler map for the consumer and the contract
 * manifest: a type this build does not know is dead-lettered (the catalog adds it; replay once this build knows it).
 */
export function routeConsumedEvents(onUserRegister: UserRegisterHandler) {
  return createEventRouter(
    topics,
    consumedTopic,
    { 'events.user.UserRegister': onUserRegister },
    { unknownEvents: 'dead-letter' },
  );
}
