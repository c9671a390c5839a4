import { TOPICS } from '@events/contracts';

/**
 * The topics user-service writes through its outbox: an event for any other topic does not compile, and a
 * test holds this list to the producers the catalog's topics.json declares.
 */
export const producedTopics = [TOPICS.userRegister] as const;
export type ProducedTopic = (typeof producedTopics)[number];
