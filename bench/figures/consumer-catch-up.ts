import { setTimeout as sleep } from 'node:timers/promises';
import {
  createTopics,
  deleteTopics,
  dropDatabase,
  type RunContext,
  recreateDatabase,
} from '@events/harness/run-context';
import type { ServiceProcess } from '@events/harness/service-process';
import pg from 'pg';
import type { BenchOptions } from '../bench-options.ts';
import { benchDatabase, jsonConsumerPeer, profileService, stopAll } from '../bench-services.ts';
import { type Figure, ratioOf } from '../figure.ts';
import { produceBacklog } from './backlog.ts';
import { awaitProfiles } from './profile-count.ts';

const TARGET_PER_SECOND = 10_000;
const TARGET_PEER_RATIO = 0.8;
const TIMEOUT_MS = 300_000;

/** When the work started, when the first results were visible (and how many), when all were. */
interface Drain {
  startedAt: number;
  firstAt: number;
  firstCount: number;
  doneAt: number;
}

/** Rate once work is flowing, so group joins and process start (reported apart) do not dominate short runs. */
const steadyRate = (total: number, d: Drain) => ((total - d.firstCount) * 1000) / (d.doneAt - d.firstAt);
const overallRate = (total: number, d: Drain) => (total * 1000) / (d.doneAt - d.startedAt);
const seconds = (d: Drain) =>
  `${((d.doneAt - d.startedAt) / 1000).toFixed(2)} s (first results after ${((d.firstAt - d.startedAt) / 1000).toFixed(2)} s)`;

/** The limit: a kafkajs consumer in a fresh group reading the backlog with eachBatch and no database. */
async function rawDrain(ctx: RunContext, topic: string, total: number): Promise<Drain> {
  const consumer = ctx.kafka.consumer({ groupId: `bench-${ctx.runId}-raw-catch-up` });
  const startedAt = performance.now();
  let seen = 0;
  let first: { at: number; count: number } | undefined;
  let done: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => {
    done = resolve;
  });
  try {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachBatch: async ({ batch }) => {
        seen += batch.messages.length;
        first ??= { at: performance.now(), count: seen };
        if (seen >= total) done();
      },
    });
    // Unreferenced: a pending timeout must not keep the process alive once the run is over.
    await Promise.race([finished, sleep(TIMEOUT_MS, undefined, { ref: false })]);
    const doneAt = performance.now();
    if (seen < total || !first) throw new Error(`raw consumer read ${seen} of ${total} messages`);
    return { startedAt, firstAt: first.at, firstCount: first.count, doneAt };
  } finally {
    await consumer.disconnect();
  }
}

/** A consumer process started on the backlog; done when its profiles table holds every event (polled every 50 ms). */
async function drainInto(
  ctx: RunContext,
  database: string,
  startConsumer: (databaseUrl: string) => ServiceProcess,
  total: number,
): Promise<Drain> {
  const databaseUrl = await recreateDatabase(ctx, database);
  const service = startConsumer(databaseUrl);
  const db = new pg.Client({ connectionString: databaseUrl });
  const startedAt = performance.now();
  try {
    await service.start();
    await db.connect();
    const drained = await awaitProfiles(db, total, {
      startedAt,
      timeoutMs: TIMEOUT_MS,
      who: service.spec.name,
    });
    return { startedAt, ...drained };
  } finally {
    await db.end().catch(() => undefined);
    await stopAll([service]);
    await dropDatabase(ctx, database).catch(() => undefined);
  }
}

interface SizeResult {
  total: number;
  ours: Drain;
  peer: Drain;
  raw: Drain;
}

/** One backlog size: the same events as Avro and as JSON, drained by raw kafkajs, profile-service and the peer. */
async function catchUpAt(ctx: RunContext, total: number): Promise<SizeResult> {
  const avroTopic = `bench.user_register.${ctx.runId}.backlog-${total}`;
  const jsonTopic = `${avroTopic}-json`;
  const topics = [avroTopic, `${avroTopic}.dlq`, jsonTopic];
  await createTopics(ctx, topics);
  try {
    ctx.log(`producing a backlog of ${total} events, as Avro and as JSON`);
    await produceBacklog(ctx, { avroTopic, jsonTopic }, total);
    ctx.log('raw kafkajs consumer draining it');
    const raw = await rawDrain(ctx, avroTopic, total);
    const group = `bench-${ctx.runId}-catch-up-${total}`;
    ctx.log('profile-service draining it');
    const ours = await drainInto(
      ctx,
      benchDatabase(ctx, 'profile_service'),
      (databaseUrl) => profileService(ctx, { databaseUrl, topic: avroTopic, group }),
      total,
    );
    ctx.log('JSON consumer peer draining it');
    const peer = await drainInto(
      ctx,
      benchDatabase(ctx, 'json_profiles'),
      (databaseUrl) => jsonConsumerPeer(ctx, { databaseUrl, topic: jsonTopic, group: `${group}-json` }),
      total,
    );
    return { total, ours, peer, raw };
  } finally {
    await deleteTopics(ctx, topics).catch(() => undefined);
  }
}

/**
 * Backlogs of each size in `options.sizes`, written before anything consumes them, turned into profiles by
 * profile-service against the JSON consumer peer (same upsert, no registry, no Avro) on the same events,
 * with a raw kafkajs consumer (no database) as the limit of the broker. The figure is the largest size.
 */
export async function consumerCatchUpFigure(
  ctx: RunContext,
  options: BenchOptions['catchUp'],
): Promise<Figure> {
  const results: SizeResult[] = [];
  for (const total of options.sizes) results.push(await catchUpAt(ctx, total));
  const details: Figure['details'] = {
    measured:
      'rate from the first visible results to the last (process start and group join excluded, reported below); peer: JSON over Kafka into the same upsert',
  };
  for (const { total, ours, peer, raw } of results) {
    const rates = [steadyRate(total, ours), steadyRate(total, peer), steadyRate(total, raw)];
    details[`${total} events: ours / JSON peer / raw kafkajs (events/s)`] = rates.map(Math.round).join(' / ');
    details[`${total} events: ours / JSON peer`] = ratioOf(rates[0] as number, rates[1] as number);
    details[`${total} events: start → all profiles, ours / peer`] = `${seconds(ours)} / ${seconds(peer)}`;
    details[`${total} events: incl. start-up, ours / peer / raw (events/s)`] = [
      overallRate(total, ours),
      overallRate(total, peer),
      overallRate(total, raw),
    ]
      .map(Math.round)
      .join(' / ');
  }
  const meets = ({ total, ours, peer }: SizeResult) =>
    steadyRate(total, ours) >= TARGET_PER_SECOND &&
    steadyRate(total, ours) >= TARGET_PEER_RATIO * steadyRate(total, peer);
  const largest = results[results.length - 1] as SizeResult;
  const [oursRate, peerRate] = [
    steadyRate(largest.total, largest.ours),
    steadyRate(largest.total, largest.peer),
  ];
  return {
    id: 'consumer-catch-up',
    title: `Consumer catch-up ${largest.total / 1000}k`,
    unit: 'events/s',
    ours: oursRate,
    baseline: peerRate,
    ratio: ratioOf(oursRate, peerRate),
    target: `≥ ${TARGET_PER_SECOND} profiles/s and ≥ ${TARGET_PEER_RATIO}× JSON peer at every size`,
    met: results.every(meets),
    details,
  };
}
