import { TOPICS } from '@events/contracts';

/** The contract topic profile-service reads; a test holds it to the consumers the catalog's topics.json declares. */
export const consumedTopic = TOPICS.userRegister;
