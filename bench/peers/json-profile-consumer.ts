/**
 * The honest peer of profile-service: JSON events over Kafka (no registry, no Avro) turned into profiles
 * by the same rules and the same upsert, in chunks per fetched batch with the same partition concurrency
 * and chunk size as the service's defaults. Env: DATABASE_URL, KAFKA_BROKERS, TOPIC, GROUP, PORT.
 */
import { createServer } from 'node:http';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import { readPeerEnv } from './peer-env.ts';
import {
  createProfile,
  createProfileRepository,
  keepNewestPerUser,
  migrateProfileDb,
} from './service-parts.ts';

const PARTITIONS_CONCURRENCY = 3;
const CHUNK_SIZE = 500;

const env = readPeerEnv(['DATABASE_URL', 'KAFKA_BROKERS', 'TOPIC', 'GROUP', 'PORT']);
const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: 10 });
await migrateProfileDb(pool);
const repository = createProfileRepository({ pool });
const kafka = new Kafka({
  clientId: 'json-consumer-peer',
  brokers: env.KAFKA_BROKERS.split(','),
  logLevel: logLevel.ERROR,
});
const consumer = kafka.consumer({ groupId: env.GROUP });
let joined = false;
consumer.on(consumer.events.GROUP_JOIN, () => {
  joined = true;
});
await consumer.connect();
await consumer.subscribe({ topic: env.TOPIC, fromBeginning: true });
await consumer.run({
  partitionsConsumedConcurrently: PARTITIONS_CONCURRENCY,
  eachBatch: async ({ batch, resolveOffset, heartbeat }) => {
    for (let start = 0; start < batch.messages.length; start += CHUNK_SIZE) {
      const chunk = batch.messages.slice(start, start + CHUNK_SIZE);
      const drafts = chunk.map((message) => {
        const event = JSON.parse(message.value?.toString() ?? 'null');
        return createProfile(
          { ...event, registeredAt: new Date(event.registeredAt) },
          String(message.headers?.['event-id']),
        );
      });
      await repository.upsertMany(keepNewestPerUser(drafts));
      for (const message of chunk) resolveOffset(message.offset);
      await heartbeat();
    }
  },
});

// /healthz once listening, /readyz once the consumer has joined its group (as profile-service answers them).
const server = createServer((req, res) => {
  res.statusCode = req.url === '/readyz' && !joined ? 503 : 200;
  res.end();
}).listen(Number(env.PORT), '127.0.0.1');
process.once('SIGTERM', () => {
  server.close();
  void consumer
    .disconnect()
    .then(() => pool.end())
    .then(() => process.exit(0));
});
