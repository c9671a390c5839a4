import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ServiceProcess } from '@events/harness/service-process';
import { endpoints } from '@events/stack/endpoints';
import { zipkinUrl } from '@events/stack/parts/zipkin';
import { logsDir, repoRoot } from '@events/stack/paths';
import { serviceLaunch } from '@events/stack/service-launch';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** A Zipkin v2 span, as the API returns it (names and service names lower-cased). */
interface ZipkinSpan {
  traceId: string;
  id: string;
  parentId?: string;
  name: string;
  kind?: 'SERVER' | 'CLIENT' | 'PRODUCER' | 'CONSUMER';
  localEndpoint?: { serviceName?: string };
  tags?: Record<string, string>;
}

const id = randomBytes(4).toString('hex');
const topic = `trace-it-${id}`;
const databases = { users: `trace_it_users_${id}`, profiles: `trace_it_profiles_${id}` };
const kafka = new Kafka({ clientId: 'tracing-test', brokers: endpoints.brokers, logLevel: logLevel.NOTHING });
const admin = new pg.Client({ connectionString: `${endpoints.postgresBaseUrl}/postgres` });
const databaseUrl = (name: string) => `${endpoints.postgresBaseUrl}/${name}`;

const tracingEnv = {
  OTEL_TRACES_EXPORTER: 'zipkin',
  OTEL_EXPORTER_ZIPKIN_ENDPOINT: `${zipkinUrl}/api/v2/spans`,
  // Export within a fraction of a second instead of the default 5 s.
  OTEL_BSP_SCHEDULE_DELAY: '200',
  KAFKA_BROKERS: endpoints.brokers.join(','),
  SCHEMA_REGISTRY_URL: endpoints.registryUrl,
  LOG_LEVEL: 'info',
};
const users = new ServiceProcess({
  name: 'user-service',
  ...serviceLaunch.users,
  port: 3330,
  env: {
    ...tracingEnv,
    DATABASE_URL: databaseUrl(databases.users),
    USER_REGISTER_TOPIC: topic,
    OUTBOX_POLL_INTERVAL_MS: '200',
  },
  logFile: join(logsDir, 'tracing-test-user-service.log'),
});
const profiles = new ServiceProcess({
  name: 'profile-service',
  ...serviceLaunch.profiles,
  port: 3331,
  env: {
    ...tracingEnv,
    DATABASE_URL: databaseUrl(databases.profiles),
    SOURCE_TOPIC: topic,
    CONSUMER_GROUP: `tracing-it-${id}`,
  },
  logFile: join(logsDir, 'tracing-test-profile-service.log'),
});

beforeAll(async () => {
  const zipkinUp = await fetch(`${zipkinUrl}/health`).then(
    (r) => r.ok,
    () => false,
  );
  if (!zipkinUp) throw new Error(`Zipkin does not answer at ${zipkinUrl}: run \`npm run stack:up\``);
  execFileSync('npm', ['run', '-s', 'schemas:register'], { cwd: repoRoot, stdio: 'ignore' });
  await admin.connect();
  for (const name of Object.values(databases)) await admin.query(`CREATE DATABASE ${name}`);
  const kafkaAdmin = kafka.admin();
  await kafkaAdmin.connect();
  await kafkaAdmin.createTopics({
    waitForLeaders: true,
    topics: [
      { topic, numPartitions: 3 },
      { topic: `${topic}.dlq`, numPartitions: 1 },
    ],
  });
  await kafkaAdmin.disconnect();
  await Promise.all([users.start(), profiles.start()]);
}, 120_000);

afterAll(async () => {
  await Promise.all([users.stop(), profiles.stop()]);
  const kafkaAdmin = kafka.admin();
  await kafkaAdmin.connect();
  await kafkaAdmin.deleteTopics({ topics: [topic, `${topic}.dlq`] }).catch(() => {});
  await kafkaAdmin.deleteGroups([`tracing-it-${id}`]).catch(() => {});
  await kafkaAdmin.disconnect();
  for (const name of Object.values(databases))
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}, 60_000);

/** The trace once it holds every span `complete` waits for (spans arrive from both services in batches). */
async function traceOnceComplete(
  traceId: string,
  complete: (spans: ZipkinSpan[]) => boolean,
): Promise<ZipkinSpan[]> {
  let spans: ZipkinSpan[] = [];
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; await sleep(250)) {
    const response = await fetch(`${zipkinUrl}/api/v2/trace/${traceId}`);
    if (response.ok) spans = (await response.json()) as ZipkinSpan[];
    if (complete(spans)) return spans;
  }
  throw new Error(`trace ${traceId} incomplete after 30 s; it holds: ${spans.map(label).join(', ')}`);
}

const label = (span: ZipkinSpan) =>
  `${span.localEndpoint?.serviceName}:${span.kind ?? 'INTERNAL'}:${span.name}`;
const of = (spans: ZipkinSpan[], service: string, kind: ZipkinSpan['kind'] | undefined, name: string) =>
  spans.find((s) => s.localEndpoint?.serviceName === service && s.kind === kind && s.name === name);

describe('traces in Zipkin', () => {
  it('follow one registration from the HTTP request to the profile row as one trace across both services', async () => {
    const traceId = randomBytes(16).toString('hex');
    const response = await fetch(`http://127.0.0.1:${users.spec.port}/users`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01`,
      },
      body: JSON.stringify({ email: `trace-${id}@example.com`, username: `trace${id}` }),
    });
    expect(response.status).toBe(201);

    const send = `send ${topic}`;
    const process = `process ${topic}`;
    const spans = await traceOnceComplete(
      traceId,
      (found) =>
        [
          of(found, 'user-service', 'PRODUCER', send),
          of(found, 'profile-service', 'CONSUMER', process),
        ].every(Boolean) &&
        found.some((s) => s.name === 'upsert profiles') &&
        found.some((s) => s.localEndpoint?.serviceName === 'profile-service' && s.kind === 'CLIENT'),
    );

    const server = spans.find((s) => s.localEndpoint?.serviceName === 'user-service' && s.kind === 'SERVER');
    expect(server?.name).toMatch(/post/);
    const userSql = spans.filter(
      (s) => s.localEndpoint?.serviceName === 'user-service' && s.kind === 'CLIENT',
    );
    expect(
      userSql.some((s) => /insert/i.test(s.tags?.['db.query.text'] ?? s.tags?.['db.statement'] ?? '')),
    ).toBe(true);

    const publish = of(spans, 'user-service', 'PRODUCER', send)!;
    expect(publish.tags).toMatchObject({
      'messaging.system': 'kafka',
      'messaging.destination.name': topic,
      'contract.subject': 'user_register-value',
      'contract.event_type': expect.stringContaining('UserRegister'),
    });
    expect(Number(publish.tags?.['contract.schema.id'])).toBeGreaterThan(0);
    expect(Number(publish.tags?.['contract.schema.version'])).toBeGreaterThan(0);
    // The relay runs outside the request: it joins the trace through the context stored with the outbox row.
    expect(spans.some((s) => s.id === publish.parentId)).toBe(true);

    const consume = of(spans, 'profile-service', 'CONSUMER', process)!;
    expect(consume.parentId).toBe(publish.id);
    expect(consume.tags).toMatchObject({
      'messaging.system': 'kafka',
      'messaging.destination.name': topic,
      'contract.subject': 'user_register-value',
    });
    expect(consume.tags?.['messaging.destination.partition.id']).toBeDefined();
    expect(consume.tags?.['messaging.kafka.offset']).toBeDefined();
    expect(consume.tags?.['messaging.kafka.message.key']).toBeDefined();

    const upsert = spans.find((s) => s.name === 'upsert profiles')!;
    expect(upsert.parentId).toBe(consume.id);
    const profileSql = spans.filter(
      (s) => s.localEndpoint?.serviceName === 'profile-service' && s.kind === 'CLIENT',
    );
    expect(profileSql.some((s) => s.parentId === upsert.id)).toBe(true);
  });

  it("shows a poison message's decode failure and its dead-letter publish in the producer's trace", async () => {
    const traceId = randomBytes(16).toString('hex');
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic,
      messages: [
        {
          key: randomUUID(),
          value: Buffer.from('{"not":"avro"}'),
          headers: { traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` },
        },
      ],
    });
    await producer.disconnect();

    const spans = await traceOnceComplete(traceId, (found) =>
      Boolean(of(found, 'profile-service', 'PRODUCER', `send ${topic}.dlq`)),
    );
    const consume = of(spans, 'profile-service', 'CONSUMER', `process ${topic}`)!;
    expect(consume.tags?.error).toMatch(/magic byte|wire format/i);
    expect(consume.tags?.['error.type']).toBe('NOT_WIRE_FORMAT');
    expect(of(spans, 'profile-service', 'PRODUCER', `send ${topic}.dlq`)!.parentId).toBe(consume.id);
  });
});
