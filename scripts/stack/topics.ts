/** Topics the services need. Auto-creation is off on the broker, so the stack creates them. */
export const stackTopics = [
  { topic: 'user_register', numPartitions: 6 },
  { topic: 'user_register.dlq', numPartitions: 6 },
];
