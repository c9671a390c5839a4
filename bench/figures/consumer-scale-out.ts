import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { groupAssignment } from '@events/harness/cluster-inspection';
import { acquireCluster } from '@events/harness/local-cluster';
import {
  createTopics,
  deleteTopics,
  dropDatabase,
  onBrokers,
  type RunContext,
  recreateDatabase,
} from '@events/harness/run-context';
import { profileServiceSpec, ServiceProcess } from '@events/harness/service-process';
import { threeBrokers } from '@events/stack/parts/kafka';
import { logsDir } from '@events/stack/paths';
import pg from 'pg';
import type { BenchOptions } from '../bench-options.ts';
import { stopAll } from '../bench-services.ts';
import { type Figure, ratioOf } from '../figure.ts';
import { produceBacklog } from './backlog.ts';
import { awaitProfiles } from './profile-count.ts';

const INSTANCE_COUNTS = [1, 2, 3] as const;
/** Ports apart from the other figures' (3200–3202). */
const BASE_PORT = 3210;
const TIMEOUT_MS = 300_000;
const TARGET_SPEEDUP = 1.5;
const PARTITIONS = 6;

interface Drain {
  instances: number;
  /** Process start → every profile visible. */
  totalMs: number;
  /** From the moment every instance owned partitions to the last profile; NaN if the backlog was gone first. */
  steadyPerSecond: number;
  /** Process start → the group stable with every instance owning partitions. */
  allWorkingAfterMs: number;
  /** Events still without a profile at that moment: what the steady rate is measured on. */
  leftWhenAllWorking: number;
}

/**
 * Polls the group until `instances` members share all partitions; then notes when, and how many profiles
 * existed, so the rate counts only time when every instance worked (start-up and rebalances excluded).
 */
async function whenAllWork(
  ctx: RunContext,
  { group, topic, instances, db }: { group: string; topic: string; instances: number; db: pg.Client },
  finished: () => boolean,
): Promise<{ at: number; count: number } | undefined> {
  while (!finished()) {
    const { state, members } = await groupAssignment(ctx.kafka, group, topic).catch(() => ({
      state: 'Unknown',
      members: [],
    }));
    const working = members.filter((m) => m.partitions.length > 0).length;
    if (state === 'Stable' && working === Math.min(instances, PARTITIONS)) {
      const at = performance.now();
      const { rows } = await db
        .query<{ n: number }>('SELECT count(*)::int AS n FROM profiles')
        .catch(() => ({ rows: [{ n: 0 }] }));
      return { at, count: rows[0]?.n ?? 0 };
    }
    await sleep(100);
  }
  return undefined;
}

/** `instances` profile-service processes in a fresh group and database, until the backlog is all profiles. */
async function drain(
  ctx: RunContext,
  { topic, total, instances }: { topic: string; total: number; instances: number },
): Promise<Drain> {
  const database = `profile_service_bench_scale_${instances}`;
  const databaseUrl = await recreateDatabase(ctx, database);
  const wiring = {
    brokers: ctx.brokers,
    registryUrl: ctx.registryUrl,
    databaseUrl,
    topic,
    dlqTopic: `${topic}.dlq`,
    group: `bench-${ctx.runId}-scale-${instances}`,
  };
  const services = Array.from(
    { length: instances },
    (_, i) =>
      new ServiceProcess(
        profileServiceSpec(wiring, {
          name: `profile-service-${i + 1}`,
          port: BASE_PORT + i,
          logFile: join(logsDir, `bench-scale-out-profile-service-${i + 1}.log`),
          clientId: `profile-service-${i + 1}`,
        }),
      ),
  );
  const db = new pg.Client({ connectionString: databaseUrl });
  const startedAt = performance.now();
  try {
    await db.connect();
    let finished = false;
    const allWorking = whenAllWork(ctx, { group: wiring.group, topic, instances, db }, () => finished);
    await Promise.all(services.map((service) => service.start()));
    const { doneAt } = await awaitProfiles(db, total, {
      startedAt,
      timeoutMs: TIMEOUT_MS,
      who: `${instances} profile-service instance(s)`,
    }).finally(() => {
      finished = true;
    });
    const from = await allWorking;
    return {
      instances,
      totalMs: doneAt - startedAt,
      steadyPerSecond: from ? ((total - from.count) * 1000) / (doneAt - from.at) : Number.NaN,
      allWorkingAfterMs: from ? from.at - startedAt : Number.NaN,
      leftWhenAllWorking: from ? total - from.count : 0,
    };
  } finally {
    await db.end().catch(() => undefined);
    await stopAll(services);
    await dropDatabase(ctx, database).catch(() => undefined);
  }
}

/**
 * A backlog on the three-broker cluster (six partitions, RF 3) drained by 1, 2 and 3 profile-service
 * instances in turn, each in its own group and database; the figure is how 3 instances compare with 1.
 */
export async function consumerScaleOutFigure(
  ctx: RunContext,
  options: BenchOptions['scaleOut'],
): Promise<Figure> {
  const releaseCluster = await acquireCluster(ctx.log);
  const cluster = onBrokers(ctx, threeBrokers.bootstrap);
  const topic = `bench.user_register.${ctx.runId}.scale-out`;
  const total = options.events;
  try {
    await createTopics(cluster, [topic, `${topic}.dlq`], {
      replicationFactor: threeBrokers.topicSettings.replicationFactor,
    });
    ctx.log(`producing a backlog of ${total} events on the cluster`);
    await produceBacklog(cluster, { avroTopic: topic }, total);
    const drains: Drain[] = [];
    for (const instances of INSTANCE_COUNTS) {
      ctx.log(`${instances} profile-service instance(s) draining it`);
      drains.push(await drain(cluster, { topic, total, instances }));
    }
    const one = drains[0]!;
    const three = drains[drains.length - 1]!;
    const speedup = ratioOf(three.steadyPerSecond, one.steadyPerSecond);
    return {
      id: 'consumer-scale-out',
      title: `Consumer scale-out ${total / 1000}k, 3 brokers`,
      unit: 'events/s',
      ours: three.steadyPerSecond,
      baseline: one.steadyPerSecond,
      ratio: speedup,
      target: `3 instances ≥ ${TARGET_SPEEDUP}× one`,
      met: speedup >= TARGET_SPEEDUP,
      details: {
        measured:
          'profiles/s from the moment every instance owned partitions (group stable) to the last profile; ours = 3 instances, baseline = 1',
        ...Object.fromEntries(
          drains.map((d) => [
            `${d.instances} instance(s)`,
            `${Math.round(d.steadyPerSecond)} events/s on the ${d.leftWhenAllWorking} left once all worked (${(d.allWorkingAfterMs / 1000).toFixed(1)} s after start); all profiles ${(d.totalMs / 1000).toFixed(1)} s after start`,
          ]),
        ),
        machine:
          'the three brokers, PostgreSQL and every instance share the same cores: more instances add consumers, not CPU',
      },
    };
  } finally {
    await deleteTopics(cluster, [topic, `${topic}.dlq`]).catch(() => undefined);
    await releaseCluster();
  }
}
