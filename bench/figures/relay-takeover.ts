import { setTimeout as sleep } from 'node:timers/promises';
import { runAtRate } from '@events/harness/rate-limiter';
import { registration } from '@events/harness/registrations';
import {
  createTopics,
  deleteTopics,
  dropDatabase,
  type RunContext,
  recreateDatabase,
} from '@events/harness/run-context';
import type { ServiceProcess } from '@events/harness/service-process';
import { waitUntil } from '@events/stack/wait-until';
import pg from 'pg';
import type { BenchOptions } from '../bench-options.ts';
import { benchDatabase, ports, stopAll, userService } from '../bench-services.ts';
import { type Figure, ratioOf } from '../figure.ts';
import { median } from '../stats.ts';
import { lockReleaseFloorMs } from './lock-release-floor.ts';
import { type PublishWatcher, watchPublishes } from './publish-watcher.ts';

const TARGET_S = 5;
/** Load on the new leader before the next kill, so each kill lands on a relay in its steady state. */
const STEADY_MS = 3_000;

interface Takeover {
  /** SIGKILL → the first message the standby sent. */
  firstPublishS: number;
  /** SIGKILL → the relay past every event committed before its first publish. */
  drainedS: number;
  /** Events committed and not relayed when the standby published first. */
  backlog: number;
}

async function leads(instance: ServiceProcess): Promise<boolean> {
  const response = await fetch(`${instance.url}/readyz`).catch(() => undefined);
  const body = (await response?.json().catch(() => undefined)) as
    | { checks?: { relay?: { leading?: boolean } } }
    | undefined;
  return body?.checks?.relay?.leading === true;
}

/** The newest event in the outbox now, and how many events are behind the checkpoint. */
async function outboxHead(db: pg.Client): Promise<{ xactId: string; position: string; pending: number }> {
  const { rows } = await db.query<{ xactId: string; position: string; pending: number }>(
    `SELECT o.xact_id::text AS "xactId", o.position::text AS position,
            (SELECT count(*)::int FROM outbox p, outbox_checkpoint c
              WHERE (p.xact_id, p.position) > (c.xact_id, c.position)) AS pending
     FROM outbox o ORDER BY o.xact_id DESC, o.position DESC LIMIT 1`,
  );
  if (!rows[0]) throw new Error('the outbox is empty: no registration was stored');
  return rows[0];
}

async function checkpointReached(db: pg.Client, head: { xactId: string; position: string }): Promise<void> {
  await waitUntil(
    async () => {
      const { rows } = await db.query<{ past: boolean }>(
        'SELECT (xact_id, position) >= ($1::xid8, $2::bigint) AS past FROM outbox_checkpoint',
        [head.xactId, head.position],
      );
      return rows[0]?.past === true;
    },
    { timeoutMs: 60_000, intervalMs: 20 },
  );
}

/** SIGKILLs the leading relay's process and times the standby's first publish and its catch-up. */
async function killLeader(
  leader: ServiceProcess,
  db: pg.Client,
  published: PublishWatcher,
): Promise<Takeover> {
  const killedAt = Date.now();
  const firstSent = published.firstSentAfter(killedAt);
  await leader.kill();
  const firstSentAt = await Promise.race([
    firstSent,
    sleep(60_000, undefined, { ref: false }).then(() => {
      throw new Error('no relay published anything within 60 s of the kill');
    }),
  ]);
  const head = await outboxHead(db);
  await checkpointReached(db, head);
  const drainedAt = Date.now();
  return {
    firstPublishS: (firstSentAt - killedAt) / 1000,
    drainedS: (drainedAt - killedAt) / 1000,
    backlog: head.pending,
  };
}

const seconds = (values: readonly number[]) => values.map((v) => v.toFixed(2)).join(', ');

/**
 * Two user-service instances on one database and topic, registrations flowing into the standby at a fixed
 * rate; the leading relay's process is SIGKILLed, then started again as the next standby, `repetitions` times.
 * Services at their defaults (a standby tries the lock every OUTBOX_LEADER_POLL_MS = 1 s). The floor: a
 * bare session holding an advisory lock SIGKILLed, another session trying the lock back to back.
 */
export async function relayTakeoverFigure(
  ctx: RunContext,
  options: BenchOptions['relayTakeover'],
): Promise<Figure> {
  const database = benchDatabase(ctx, 'user_service_takeover');
  const topic = `bench.user_register.${ctx.runId}.takeover`;
  await createTopics(ctx, [topic]);
  const databaseUrl = await recreateDatabase(ctx, database);
  const wiring = { databaseUrl, topic };
  let [leader, standby] = [
    userService(ctx, { ...wiring, name: 'user-service-a' }),
    userService(ctx, { ...wiring, name: 'user-service-b', port: ports.userServiceStandby }),
  ];
  const started = [leader, standby];
  const db = new pg.Client({ connectionString: databaseUrl });
  let published: PublishWatcher | undefined;
  let loading = true;
  let load: Promise<void> | undefined;
  try {
    // The first to start takes the lock: the second only ever finds it held.
    await leader.start();
    await waitUntil(() => leads(leader), { timeoutMs: 30_000, intervalMs: 100 });
    await standby.start();
    await standby.waitFor('/readyz');
    await db.connect();
    published = await watchPublishes(ctx, topic, `bench-${ctx.runId}-takeover`);

    let target = standby;
    const answers = { created: 0, other: 0 };
    load = runAtRate(
      { ratePerSecond: options.ratePerSecond, maxInFlight: 100, shouldStop: () => !loading },
      async (index) => {
        const response = await fetch(`${target.url}/users`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(registration(`${ctx.runId}t`, index)),
        }).catch(() => undefined);
        await response?.arrayBuffer();
        if (response?.status === 201) answers.created += 1;
        else answers.other += 1;
      },
    );

    const takeovers: Takeover[] = [];
    const floorsMs: number[] = [];
    for (let round = 1; round <= options.repetitions; round += 1) {
      await sleep(STEADY_MS);
      ctx.log(
        `relay-takeover ${round}/${options.repetitions}: SIGKILL of the leader at ${options.ratePerSecond}/s`,
      );
      takeovers.push(await killLeader(leader, db, published));
      if (!(await leads(standby)))
        throw new Error(`${standby.spec.name} published but does not say it leads`);
      // The killed instance comes back as the next standby; registrations move to it once it is ready.
      await leader.start();
      await leader.waitFor('/readyz');
      [leader, standby] = [standby, leader];
      target = standby;
      floorsMs.push(await lockReleaseFloorMs(databaseUrl));
    }
    loading = false;
    await load;
    const { xactId, position } = await outboxHead(db);
    await checkpointReached(db, { xactId, position });
    await sleep(1_000);
    const { rows } = await db.query<{ users: number }>('SELECT count(*)::int AS users FROM users');
    const users = rows[0]?.users ?? 0;
    const missing = users - [...published.keys].length;

    const firstPublish = takeovers.map((t) => t.firstPublishS);
    const drained = takeovers.map((t) => t.drainedS);
    const worst = Math.max(...drained);
    const floorS = median(floorsMs) / 1000;
    const crashes = started.flatMap((s) => s.crashes);
    return {
      id: 'relay-takeover',
      title: `Relay takeover after SIGKILL of the leader, worst of ${options.repetitions}`,
      unit: 's',
      ours: worst,
      baseline: floorS,
      ratio: ratioOf(worst, floorS),
      target: `≤ ${TARGET_S} s from the kill to the backlog drained`,
      met: worst <= TARGET_S && missing === 0 && crashes.length === 0 && answers.other === 0,
      details: {
        measured: `2 user-service instances on one database at their defaults (OUTBOX_LEADER_POLL_MS 1000), ${options.ratePerSecond} registrations/s into the standby; the leader SIGKILLed ${STEADY_MS / 1000} s after the previous takeover, then started again as the standby. First publish: the Kafka timestamp of the first message sent after the kill; drained: the checkpoint past every event committed when that message arrived. Floor: SIGKILL of a bare session holding an advisory lock → another session gets it`,
        'kill → first publish by the standby, each (s)': seconds(firstPublish),
        'kill → first publish, median / max (s)': `${median(firstPublish).toFixed(2)} / ${Math.max(...firstPublish).toFixed(2)}`,
        'kill → backlog drained, each (s)': seconds(drained),
        'kill → backlog drained, median / max (s)': `${median(drained).toFixed(2)} / ${worst.toFixed(2)}`,
        'events waiting at the first publish, each': takeovers.map((t) => t.backlog).join(', '),
        'floor: lock free after a SIGKILL, each (ms)': floorsMs.map((ms) => ms.toFixed(1)).join(', '),
        'registrations answered 201 / otherwise': `${answers.created} / ${answers.other}`,
        'users without a message in Kafka': missing,
        'service crashes': crashes.length === 0 ? 'none' : crashes.join('; '),
      },
    };
  } finally {
    loading = false;
    await load?.catch(() => undefined);
    await published?.close().catch(() => undefined);
    await db.end().catch(() => undefined);
    await stopAll(started);
    await dropDatabase(ctx, database).catch(() => undefined);
    await deleteTopics(ctx, [topic]).catch(() => undefined);
  }
}
