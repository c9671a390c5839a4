/**
 * The design most teams write first, as the honest peer of user-service: the same JSON body parsing and
 * registration rules, an INSERT of the user into the same table, then `producer.send` of a JSON event inside
 * the request (a dual write: no outbox, no registry, no Avro; a crash between the two loses the event).
 * No request logging. Env: DATABASE_URL, KAFKA_BROKERS, TOPIC, PORT.
 */
import { randomUUID } from 'node:crypto';
import express, { type ErrorRequestHandler } from 'express';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import { readPeerEnv } from './peer-env.ts';
import { emailKey, jsonBody, migrateUserDb, parseRegistration, usernameKey } from './service-parts.ts';

const env = readPeerEnv(['DATABASE_URL', 'KAFKA_BROKERS', 'TOPIC', 'PORT']);
const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: 10 });
await migrateUserDb(pool);
const kafka = new Kafka({
  clientId: 'dual-write-peer',
  brokers: env.KAFKA_BROKERS.split(','),
  logLevel: logLevel.ERROR,
});
const producer = kafka.producer({ allowAutoTopicCreation: false });
await producer.connect();

const app = express();
// Listening starts only once the database is migrated and the producer connected: ready from the first answer.
app.get(['/healthz', '/readyz'], (_req, res) => {
  res.json({ status: 'ok' });
});
app.post('/users', jsonBody(), async (req, res) => {
  const event = { userId: randomUUID(), ...parseRegistration(req.body), registeredAt: new Date() };
  await pool.query(
    `INSERT INTO users (id, email, email_key, username, username_key, display_name, registered_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      event.userId,
      event.email,
      emailKey(event.email),
      event.username,
      usernameKey(event.username),
      event.displayName,
      event.registeredAt,
    ],
  );
  await producer.send({
    topic: env.TOPIC,
    acks: -1,
    messages: [{ key: event.userId, value: JSON.stringify(event), headers: { 'event-id': randomUUID() } }],
  });
  res.status(201).json({ id: event.userId });
});
const answerErrors: ErrorRequestHandler = (error: { code?: string }, _req, res, _next) => {
  res.status(error.code === 'VALIDATION_FAILED' ? 400 : 500).json({ error: String(error) });
};
app.use(answerErrors);

const server = app.listen(Number(env.PORT), '127.0.0.1');
process.once('SIGTERM', () => {
  server.close(() => void Promise.all([pool.end(), producer.disconnect()]).then(() => process.exit(0)));
});
