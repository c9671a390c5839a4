import { setTimeout as sleep } from 'node:timers/promises';
import { createTopics, type RunContext } from '@events/harness/run-context';
import { scratchKafka } from '@events/harness/scratch-kafka';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import type { BenchOptions } from '../bench-options.ts';
import { type Figure, ratioOf } from '../figure.ts';
import { summarize } from '../stats.ts';
import { formatLatencies } from './e2e-latency.ts';
import { startPipeline } from './pipelines.ts';
import { registerAtRate } from './register-at-rate.ts';

const TARGET_S = 5;
/** Generous, so a recovery far over the target is still measured rather than failing the figure. */
const SETTLE_MS = 180_000;

/** Resolves (performance.now()) once user-service's relay is past every event in the outbox. */
async function outboxDrained(databaseUrl: string): Promise<number> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    for (;;) {
      const { rows } = await db.query<{ pending: number }>(
        `SELECT count(*)::int AS pending FROM outbox o, outbox_checkpoint c
         WHERE (o.xact_id, o.position) > (c.xact_id, c.position)`,
      );
      if (rows[0]?.pending === 0) return performance.now();
      await sleep(100);
    }
  } finally {
    await db.end();
  }
}

/** The floor: a fresh kafkajs producer's first acknowledged (acks -1) send once the broker answers. */
async function firstProduce(kafka: Kafka, topic: string): Promise<number> {
  const producer = kafka.producer({ retry: { retries: 50, initialRetryTime: 100, maxRetryTime: 500 } });
  try {
    await producer.connect();
    await producer.send({ topic, acks: -1, messages: [{ value: 'probe' }] });
    return performance.now();
  } finally {
    await producer.disconnect();
  }
}

/**
 * Registrations flowing through both services on a Kafka of our own; the broker is SIGKILLed for
 * `outageS` and started again. From the moment it answers again (registrations stop then): how long until
 * the outbox holds no pending row and every acknowledged registration is a visible profile. The floor is a
 * fresh kafkajs producer's first acknowledged send to a topic on the same broker. Services run at their
 * defaults.
 */
export async function outageRecoveryFigure(
  ctx: RunContext,
  options: BenchOptions['outage'],
): Promise<Figure> {
  const broker = scratchKafka();
  try {
    ctx.log('starting a scratch Kafka on its own ports');
    await broker.start();
    const kafka = new Kafka({ clientId: 'bench', brokers: broker.brokers, logLevel: logLevel.NOTHING });
    const scratchCtx: RunContext = { ...ctx, brokers: broker.brokers, kafka };
    const pipeline = await startPipeline(scratchCtx, 'ours', 'outage');
    // Its own topic: a probe on the services' topic would be dead-lettered by profile-service.
    const probeTopic = `${pipeline.topic}.probe`;
    await createTopics(scratchCtx, [probeTopic]);
    const { watcher } = pipeline;
    try {
      let brokerBack = false;
      const registering = registerAtRate(ctx, watcher, {
        baseUrl: pipeline.baseUrl,
        ratePerSecond: options.ratePerSecond,
        seconds: Number.POSITIVE_INFINITY,
        shouldStop: () => brokerBack,
        tag: 'o',
        settleMs: SETTLE_MS,
      }).then((samples) => ({ samples, visibleAt: performance.now() }));
      await sleep(options.beforeS * 1000);
      ctx.log(
        `killing the scratch broker for ${options.outageS} s at ${options.ratePerSecond} registrations/s`,
      );
      await broker.kill();
      await sleep(options.outageS * 1000);
      const restartAt = performance.now();
      await broker.start();
      const backAt = performance.now();
      brokerBack = true;
      ctx.log(`broker answers again after ${((backAt - restartAt) / 1000).toFixed(1)} s of start-up`);
      const [floorAt, drainedAt, { samples, visibleAt }] = await Promise.all([
        firstProduce(kafka, probeTopic),
        outboxDrained(pipeline.userDbUrl),
        registering,
      ]);
      const recoveredS = (Math.max(drainedAt, visibleAt) - backAt) / 1000;
      const floorS = (floorAt - backAt) / 1000;
      const crashes = [...pipeline.producerSide.crashes, ...pipeline.consumerSide.crashes];
      return {
        id: 'outage-recovery',
        title: `Recovery after a ${options.outageS} s broker outage`,
        unit: 's',
        ours: recoveredS,
        baseline: floorS,
        ratio: ratioOf(recoveredS, floorS),
        target: `≤ ${TARGET_S} s from the broker answering to backlog drained and every profile visible`,
        met: recoveredS <= TARGET_S && crashes.length === 0,
        details: {
          measured: `a scratch single-node Kafka SIGKILLed ${options.beforeS} s into ${options.ratePerSecond} registrations/s, started again ${options.outageS} s later; the clock starts when it answers metadata again (polled every 100 ms); services at their default settings`,
          'broker start-up after the outage (s)': (backAt - restartAt) / 1000,
          'outbox drained after (s)': (drainedAt - backAt) / 1000,
          'every profile visible after (s)': (visibleAt - backAt) / 1000,
          'floor: fresh kafkajs producer first acked send after (s)': floorS,
          '201 → visible p50 / p90 / p99 / max (ms)': formatLatencies(summarize(samples.fromAck)),
          'service crashes': crashes.length === 0 ? 'none' : crashes.join('; '),
        },
      };
    } finally {
      await pipeline.close();
    }
  } finally {
    await broker.close();
  }
}
