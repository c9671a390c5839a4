import {
  createTopics,
  deleteTopics,
  dropDatabase,
  type RunContext,
  recreateDatabase,
} from '@events/harness/run-context';
import type { BenchOptions } from '../bench-options.ts';
import {
  benchDatabase,
  ceilingService,
  dualWritePeer,
  ports,
  stopAll,
  userService,
} from '../bench-services.ts';
import { type Figure, ratioOf } from '../figure.ts';
import { measureWithWarmUp } from './load-test.ts';

const TARGET_RATIO = 0.7;
const TARGET_P99_MS = 25;

/**
 * POST /users on user-service (validation, user + outbox row in one statement, relay publishing to Kafka)
 * against a bare Express endpoint doing one INSERT into the same PostgreSQL: same concurrency and duration,
 * then user-service again capped at half its measured rate for the latency target. Beside them the
 * dual-write peer (same validation, INSERT, then producer.send of JSON in the request), to show what the
 * outbox's guarantee costs.
 */
export async function httpRegisterFigure(ctx: RunContext, options: BenchOptions['http']): Promise<Figure> {
  const [userDb, dualWriteDb] = [benchDatabase(ctx, 'user_service'), benchDatabase(ctx, 'dual_write')];
  const topic = `bench.user_register.${ctx.runId}.http`;
  const dualWriteTopic = `${topic}-dual`;
  await createTopics(ctx, [topic, dualWriteTopic]);
  const databaseUrl = await recreateDatabase(ctx, userDb);
  const users = userService(ctx, { databaseUrl, topic });
  const ceiling = ceilingService(databaseUrl);
  const dualWrite = dualWritePeer(ctx, {
    databaseUrl: await recreateDatabase(ctx, dualWriteDb),
    topic: dualWriteTopic,
  });
  let index = 0;
  const bodies = { runId: `${ctx.runId}h`, next: () => index++ };
  try {
    await Promise.all([users.start(), ceiling.start()]);
    await users.waitFor('/readyz');
    const run = { connections: options.connections, durationS: options.durationS };

    ctx.log(`ceiling: ${run.connections} connections for ${run.durationS} s`);
    const bare = await measureWithWarmUp('bare INSERT', `http://127.0.0.1:${ports.ceiling}`, bodies, run);
    await ceiling.stop();

    await dualWrite.start();
    ctx.log(`dual-write peer: ${run.connections} connections for ${run.durationS} s`);
    const peer = await measureWithWarmUp(
      'dual-write peer',
      `http://127.0.0.1:${ports.dualWrite}`,
      bodies,
      run,
    );
    await dualWrite.stop();

    ctx.log(`user-service: ${run.connections} connections for ${run.durationS} s`);
    const max = await measureWithWarmUp('user-service', `http://127.0.0.1:${ports.userService}`, bodies, run);
    const halfRate = Math.max(1, Math.round(max.okPerSecond / 2));
    ctx.log(`user-service at half its max: ${halfRate}/s for ${run.durationS} s`);
    const half = await measureWithWarmUp(
      'user-service at half rate',
      `http://127.0.0.1:${ports.userService}`,
      bodies,
      {
        ...run,
        overallRate: halfRate,
      },
    );

    return {
      id: 'http-register',
      title: 'HTTP POST /users',
      unit: 'req/s',
      ours: max.okPerSecond,
      baseline: bare.okPerSecond,
      ratio: ratioOf(max.okPerSecond, bare.okPerSecond),
      target: `≥ ${TARGET_RATIO}× bare INSERT; p99 ≤ ${TARGET_P99_MS} ms at ½ max`,
      met: max.okPerSecond >= TARGET_RATIO * bare.okPerSecond && half.p99 <= TARGET_P99_MS,
      details: {
        measured: `autocannon, ${run.connections} connections, ${run.durationS} s each, a unique body per request; 201s per second`,
        'ours p50 / p99 at max (ms)': `${max.p50} / ${max.p99}`,
        'bare INSERT p50 / p99 at max (ms)': `${bare.p50} / ${bare.p99}`,
        'dual-write peer (req/s)': peer.okPerSecond,
        'dual-write peer p50 / p99 at max (ms)': `${peer.p50} / ${peer.p99}`,
        'ours / dual-write peer': ratioOf(max.okPerSecond, peer.okPerSecond),
        'ours at half max: rate (req/s)': halfRate,
        'ours at half max: achieved (req/s)': half.okPerSecond,
        'ours at half max: p50 / p99 (ms)': `${half.p50} / ${half.p99}`,
      },
    };
  } finally {
    await stopAll([users, ceiling, dualWrite]);
    await Promise.all([dropDatabase(ctx, userDb), dropDatabase(ctx, dualWriteDb)]).catch(() => undefined);
    await deleteTopics(ctx, [topic, dualWriteTopic]).catch(() => undefined);
  }
}
