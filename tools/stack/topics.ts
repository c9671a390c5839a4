/** A topic the stack creates (auto-creation is off on the brokers), with any per-topic config. */
export interface TopicSpec {
  topic: string;
  numPartitions: number;
  config?: Record<string, string>;
}

/** Topics the services need. */
export const stackTopics: TopicSpec[] = [
  { topic: 'user_register', numPartitions: 6 },
  { topic: 'user_register.dlq', numPartitions: 6 },
];

/**
 * The registry's kafkasql storage topics. On a cluster the stack creates them first so they get the
 * cluster's replication factor and min.insync.replicas (Apicurio creates them with min.insync.replicas=1);
 * Apicurio refuses storage topics whose records can expire, hence the retention settings.
 */
export const registryStorageTopics: TopicSpec[] = [
  'kafkasql-journal',
  'kafkasql-snapshots',
  'registry-events',
].map((topic) => ({
  topic,
  numPartitions: 1,
  config: { 'cleanup.policy': 'delete', 'retention.ms': '-1', 'retention.bytes': '-1' },
}));
