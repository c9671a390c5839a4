import { readFileSync, statSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { groupCoordinator } from '@events/harness/group-coordinator';
import { killPart } from '@events/stack/processes';
import { stackPart as stack } from '@events/test-kit/stack-control';
import { type Admin, Kafka, logLevel } from 'kafkajs';
import type { ClusterScenario, ClusterScenarioContext } from './cluster-scenarios.ts';
import { type FailoverFigures, failoverFigures, type ProgressSample } from './failover-figures.ts';

const seconds = (n: number) => n * 1000;
/** Issue 25: with two healthy brokers of three, consuming and publishing resume within this of the kill. */
const RESUME_WITHIN_MS = seconds(15);
/**
 * The dead broker's partitions wait for the controller to fence it (9 s), then for kafkajs to rebuild its
 * fetchers, which waits out the other fetchers' long polls (maxWaitTime, 5 s): 15-20 s here. Before the
 * coordinator patch, 36-37 s.
 */
const EVERY_PARTITION_WITHIN_MS = seconds(30);
const DOWN_FOR_MS = seconds(20);
const OBSERVE_AT_MOST_MS = seconds(45);
const SAMPLE_EVERY_MS = 250;

/**
 * SIGKILL the broker coordinating profile-service's group under load: the members must find the new
 * coordinator and keep their membership, without crashing. Kafka's figures say when a commit moved past what was
 * written before the kill (the group consumes again) and when the lag is back; the topic's high watermarks say
 * when the relay's writes land again, since the coordinator's broker also leads some partitions.
 */
export const coordinatorKill: ClusterScenario = {
  id: 'coordinator-kill',
  name: "cluster: the consumer group's coordinator SIGKILLed 20 s",
  loadMs: seconds(50),
  initialProfiles: 3,
  // Before the kafkajs coordinator patch the members crashed 29-31 s after the kill and some rejoined at 53-61 s.
  maxDelayMs: seconds(30),
  async inject(ctx) {
    const probe = new Kafka({
      clientId: 'e2e-coordinator-kill',
      brokers: ctx.nodes.map((node) => node.address),
      logLevel: logLevel.NOTHING,
      connectionTimeout: 1_000,
      retry: { initialRetryTime: 100, maxRetryTime: 500, retries: 4 },
    });
    const admin = probe.admin();
    await admin.connect();
    const sampling = new AbortController();
    try {
      const membersBefore = await stableMembers(admin, ctx.group, ctx.fleet.profiles.length);
      const samples: ProgressSample[] = [];
      const sampled = sampleProgress(admin, ctx, samples, sampling.signal);
      await sleep(seconds(8));

      const coordinatorId = await groupCoordinator(probe, ctx.group);
      const node = ctx.nodes.find((n) => n.nodeId === coordinatorId);
      if (!node) return ctx.problem(`could not tell which node coordinates ${ctx.group}`);
      const logsAt = ctx.fleet.profiles.map((service) => statSync(service.spec.logFile).size);
      const led = await partitionsLedBy(admin, ctx.topic, node.nodeId);
      ctx.log(`SIGKILL ${node.name} (coordinator of ${ctx.group}, leads partitions [${led.join(',')}])`);
      // A fresh look just before the kill: what was written before it must not count as written after it.
      const reference = await referenceSample(admin, ctx);
      const killedAt = Date.now();
      await killPart(node.name);
      const fault = { faultAt: killedAt, reference };
      const moved = coordinatorMoved(probe, ctx.group, node.nodeId, killedAt);

      let figures = failoverFigures(samples, fault);
      while (Date.now() - killedAt < OBSERVE_AT_MOST_MS && !settled(figures)) {
        await sleep(500);
        figures = failoverFigures(samples, fault);
      }
      const movedAfterMs = await moved;
      await sleep(Math.max(0, killedAt + DOWN_FOR_MS - Date.now()));
      sampling.abort();
      await sampled;
      figures = failoverFigures(samples, fault);
      ctx.log(`starting ${node.name}`);
      await stack('up', node.name);

      const crashes = ctx.fleet.profiles.flatMap((service, i) =>
        linesSince(service.spec.logFile, logsAt[i]!).filter((line) =>
          line.includes('"msg":"kafka consumer crashed"'),
        ),
      );
      const membersAfter = await stableMembers(admin, ctx.group, ctx.fleet.profiles.length).catch(
        () => [] as string[],
      );
      const kept = membersBefore.filter((id) => membersAfter.includes(id)).length;
      report(ctx, { node: node.name, led, movedAfterMs, figures, crashes: crashes.length, kept });
    } finally {
      sampling.abort();
      await admin.disconnect();
    }
  },
};

const settled = (f: FailoverFigures) =>
  f.lagNormalMs !== undefined &&
  f.everyPartitionConsumedMs !== undefined &&
  f.everyPartitionWrittenMs !== undefined;

function report(
  ctx: ClusterScenarioContext,
  r: {
    node: string;
    led: number[];
    movedAfterMs: number | undefined;
    figures: FailoverFigures;
    crashes: number;
    kept: number;
  },
): void {
  const { figures: f } = r;
  const s = (ms: number | undefined) => (ms === undefined ? 'never' : `${(ms / 1000).toFixed(1)} s`);
  const members = ctx.fleet.profiles.length;
  ctx.observe(
    `SIGKILL ${r.node} (the group's coordinator; led partitions [${r.led.join(',')}] of the topic): ` +
      `metadata named a new coordinator ${s(r.movedAfterMs)} after the kill`,
  );
  ctx.observe(
    `kill → consumption resumed ${s(f.consumptionResumedMs)}, every partition consumed ${s(f.everyPartitionConsumedMs)}, ` +
      `lag back to normal (≤ ${f.lagBefore}) ${s(f.lagNormalMs)}; max lag ${f.maxLag}`,
  );
  ctx.observe(
    `kill → relay writes landing again ${s(f.publishResumedMs)}, on every partition ${s(f.everyPartitionWrittenMs)}`,
  );
  ctx.observe(`${r.kept}/${members} members kept their membership; ${r.crashes} consumer crash(es) logged`);
  const late = (what: string, ms: number | undefined, targetMs = RESUME_WITHIN_MS) => {
    if (ms === undefined || ms > targetMs)
      ctx.problem(`${what} ${s(ms)} after the kill (target ≤ ${targetMs / 1000} s)`);
  };
  late('consumption resumed', f.consumptionResumedMs);
  late('every partition consumed again', f.everyPartitionConsumedMs, EVERY_PARTITION_WITHIN_MS);
  late('the relay wrote to every partition again', f.everyPartitionWrittenMs);
  if (f.lagNormalMs === undefined) ctx.problem('the lag was not back to normal when the node restarted');
  if (r.crashes > 0) ctx.problem(`${r.crashes} profile-service consumer crash(es) after the kill`);
  if (r.kept < members) ctx.problem(`${members - r.kept} member(s) lost their membership`);
}

/** Samples the topic's high watermarks and the group's commits until aborted. */
async function sampleProgress(
  admin: Admin,
  ctx: ClusterScenarioContext,
  samples: ProgressSample[],
  signal: AbortSignal,
): Promise<void> {
  const offsets = (list: Array<{ partition: number; offset?: string; high?: string }>) =>
    new Map(list.map((p) => [p.partition, Number(p.high ?? p.offset)]));
  while (!signal.aborted) {
    const startedAt = Date.now();
    // Either read fails while the dead broker is still named coordinator or leader: a look without it.
    const [committed, written] = await Promise.all([
      admin.fetchOffsets({ groupId: ctx.group, topics: [ctx.topic] }).then(
        ([topic]) => offsets(topic?.partitions ?? []),
        () => undefined,
      ),
      admin.fetchTopicOffsets(ctx.topic).then(offsets, () => undefined),
    ]);
    samples.push({ startedAt, at: Date.now(), written, committed });
    await sleep(Math.max(0, startedAt + SAMPLE_EVERY_MS - Date.now()));
  }
}

/** Commits first, then high watermarks: whatever it shows committed was written by the time it looked. */
async function referenceSample(admin: Admin, ctx: ClusterScenarioContext): Promise<ProgressSample> {
  const startedAt = Date.now();
  const [committed] = await admin.fetchOffsets({ groupId: ctx.group, topics: [ctx.topic] });
  const written = await admin.fetchTopicOffsets(ctx.topic);
  return {
    startedAt,
    at: Date.now(),
    written: new Map(written.map((p) => [p.partition, Number(p.high)])),
    committed: new Map((committed?.partitions ?? []).map((p) => [p.partition, Number(p.offset)])),
  };
}

/** The group's member ids once it is stable with `count` members. */
async function stableMembers(admin: Admin, group: string, count: number): Promise<string[]> {
  const deadline = Date.now() + seconds(60);
  let last = 'Unknown';
  while (Date.now() < deadline) {
    const { groups } = await admin.describeGroups([group]).catch(() => ({ groups: [] }));
    const found = groups[0];
    last = `${found?.state ?? 'Unknown'} with ${found?.members.length ?? 0} members`;
    if (found?.state === 'Stable' && found.members.length === count)
      return found.members.map((m) => m.memberId).sort();
    await sleep(500);
  }
  throw new Error(`group ${group} not stable with ${count} members after 60 s (${last})`);
}

async function partitionsLedBy(admin: Admin, topic: string, nodeId: number): Promise<number[]> {
  const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
  return (topics[0]?.partitions ?? [])
    .filter((p) => p.leader === nodeId)
    .map((p) => p.partitionId)
    .sort((a, b) => a - b);
}

/** How long after the kill metadata named another coordinator for the group; undefined within 30 s. */
async function coordinatorMoved(
  kafka: Kafka,
  group: string,
  from: number,
  killedAt: number,
): Promise<number | undefined> {
  while (Date.now() - killedAt < seconds(30)) {
    const now = await groupCoordinator(kafka, group).catch(() => from);
    if (now !== undefined && now !== from) return Date.now() - killedAt;
    await sleep(250);
  }
  return undefined;
}

function linesSince(file: string, offset: number): string[] {
  return readFileSync(file).subarray(offset).toString('utf8').split('\n');
}
