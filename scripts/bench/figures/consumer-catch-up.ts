import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import {
  createTopics,
  deleteTopics,
  dropDatabase,
  type RunContext,
  recreateDatabase,
} from '../../harness/run-context.ts';
import type { BenchOptions } from '../bench-options.ts';
import { profileService, stopAll } from '../bench-services.ts';
import { type Figure, ratioOf } from '../figure.ts';
import { produceBacklog } from './backlog.ts';
import { awaitProfiles } from './profile-count.ts';

const TARGET_PER_SECOND = 10_000;
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

/** profile-service started on the backlog; done when the profiles table holds every event (polled every 50 ms). */
async function serviceDrain(ctx: RunContext, topic: string, total: number): Promise<Drain> {
  const profileDb = 'profile_service_bench';
  const databaseUrl = await recreateDatabase(ctx, profileDb);
  const service = profileService(ctx, { databaseUrl, topic, group: `bench-${ctx.runId}-catch-up` });
  const db = new pg.Client({ connectionString: databaseUrl });
  const startedAt = performance.now();
  try {
    await service.start();
    await db.connect();
    const drained = await awaitProfiles(db, total, {
      startedAt,
      timeoutMs: TIMEOUT_MS,
      who: 'profile-service',
    });
    return { startedAt, ...drained };
  } finally {
    await db.end().catch(() => undefined);
    await stopAll([service]);
    await dropDatabase(ctx, profileDb).catch(() => undefined);
  }
}

/**
 * A backlog of `events` user_register events written before anything consumes it, turned into profiles by
 * profile-service, against a raw kafkajs consumer reading the same backlog without a database.
 */
export async function consumerCatchUpFigure(
  ctx: RunContext,
  options: BenchOptions['catchUp'],
): Promise<Figure> {
  const topic = `bench.user_register.${ctx.runId}.backlog`;
  const total = options.events;
  await createTopics(ctx, [topic, `${topic}.dlq`]);
  try {
    ctx.log(`producing a backlog of ${total} events through the contracts serde`);
    await produceBacklog(ctx, topic, total);
    ctx.log('raw kafkajs consumer draining it');
    const raw = await rawDrain(ctx, topic, total);
    ctx.log('profile-service draining it');
    const ours = await serviceDrain(ctx, topic, total);
    const [oursRate, rawRate] = [steadyRate(total, ours), steadyRate(total, raw)];
    const seconds = (d: Drain) =>
      `${((d.doneAt - d.startedAt) / 1000).toFixed(2)} s (first results after ${((d.firstAt - d.startedAt) / 1000).toFixed(2)} s)`;
    return {
      id: 'consumer-catch-up',
      title: `Consumer catch-up ${total / 1000}k`,
      unit: 'events/s',
      ours: oursRate,
      baseline: rawRate,
      ratio: ratioOf(oursRate, rawRate),
      target: `≥ ${TARGET_PER_SECOND} profiles/s`,
      met: oursRate >= TARGET_PER_SECOND,
      details: {
        measured:
          'rate from the first visible results to the last (process start and group join excluded, reported below)',
        'ours: profile-service start → all profiles': seconds(ours),
        'raw: consumer connect → all messages': seconds(raw),
        'ours incl. start-up (events/s)': overallRate(total, ours),
        'raw incl. start-up (events/s)': overallRate(total, raw),
      },
    };
  } finally {
    await deleteTopics(ctx, [topic, `${topic}.dlq`]).catch(() => undefined);
  }
}
