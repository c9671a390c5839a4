import { setTimeout as sleep } from 'node:timers/promises';
import {
  activeController,
  describeAssignment,
  groupAssignment,
  partitionLeaders,
} from '@events/harness/cluster-inspection';
import type { ServiceProcess } from '@events/harness/service-process';
import type { KafkaNode } from '@events/stack/parts/kafka-node';
import { killPart } from '@events/stack/processes';
import { stackPart as stack } from '@events/test-kit/stack-control';
import type { TcpProxy as SilentProxy } from '@events/test-kit/tcp-proxy';
import type { Kafka } from 'kafkajs';
import { coordinatorKill } from './coordinator-kill.ts';
import type { Fleet } from './fleet.ts';

export interface ClusterScenarioContext {
  fleet: Fleet;
  /** A client of the cluster, for the harness's own inspections. */
  kafka: Kafka;
  topic: string;
  group: string;
  nodes: readonly KafkaNode[];
  /** One per node, in front of its fault listener: what the fleet's proxied instances talk through. */
  proxies: readonly SilentProxy[];
  log: (message: string) => void;
  /** Noted under the results table. */
  observe: (line: string) => void;
  /** Fails the run. */
  problem: (line: string) => void;
}

export interface ClusterScenario {
  /** For `npm run e2e -- --only <id>,<id>`. */
  id: string;
  name: string;
  /** How long valid registrations keep flowing while the fault runs. */
  loadMs: number;
  /** profile-service instances running when the load starts (user-service: always two). */
  initialProfiles: number;
  /** Every profile must exist this long after its registration at the latest. */
  maxDelayMs: number;
  inject: (ctx: ClusterScenarioContext) => Promise<void>;
}

const seconds = (n: number) => n * 1000;
const PARTITIONS = 6;
const ASSIGNMENT_TIMEOUT_MS = seconds(60);

export const clusterScenarios: ClusterScenario[] = [
  {
    id: 'broker-leader-kill',
    name: 'cluster: partition leader, then active controller SIGKILLed 20 s',
    loadMs: seconds(75),
    initialProfiles: 3,
    maxDelayMs: seconds(60),
    async inject(ctx) {
      await sleep(seconds(5));
      const leaders = await partitionLeaders(ctx.kafka, ctx.topic);
      const [leaderId, led] = [...leaders].sort((a, b) => b[1] - a[1])[0] ?? [];
      const leader = ctx.nodes.find((node) => node.nodeId === leaderId);
      if (!leader) return ctx.problem(`no leader found for ${ctx.topic}`);
      await killAndRestart(ctx, leader, `leads ${led}/${PARTITIONS} partitions of the topic`);
      await sleep(seconds(5));
      const controller = activeController(ctx.nodes);
      if (!controller) return ctx.problem('could not tell which node is the active controller');
      await killAndRestart(ctx, controller, 'the active controller');
    },
  },
  coordinatorKill,
  {
    id: 'consumer-scale',
    name: 'cluster: profile-service 1 → 3 → 1, then last SIGKILLed',
    loadMs: seconds(60),
    initialProfiles: 1,
    maxDelayMs: seconds(60),
    async inject(ctx) {
      const [first] = ctx.fleet.profiles;
      await reportAssignment(ctx, 'start', [first!], Date.now());
      await sleep(seconds(5));
      ctx.log('adding two profile-service instances');
      let since = Date.now();
      const added = await Promise.all([ctx.fleet.addProfile(), ctx.fleet.addProfile()]);
      await reportAssignment(ctx, 'scaled out to 3 (time includes process start)', [first!, ...added], since);
      await sleep(seconds(5));
      const last = added[1]!;
      const leaving = [first!, added[0]!];
      ctx.log(`SIGTERM ${leaving.map((s) => s.spec.name).join(' and ')}`);
      since = Date.now();
      await Promise.all(leaving.map((service) => service.stop()));
      await reportAssignment(ctx, 'SIGTERMed 2 (graceful leave)', [last], since);
      await sleep(seconds(5));
      // With the last member gone nothing would consume: a replacement starts, as an orchestrator would.
      ctx.log(`SIGKILL ${last.spec.name}, starting a replacement`);
      since = Date.now();
      await last.kill();
      const replacement = await ctx.fleet.addProfile();
      await reportAssignment(
        ctx,
        'SIGKILLed the last-added, replacement joined (time includes process start and the session timeout)',
        [replacement],
        since,
      );
    },
  },
  {
    id: 'broker-blackhole',
    name: 'cluster: brokers silent 30 s for one instance of each service',
    loadMs: seconds(55),
    initialProfiles: 3,
    maxDelayMs: seconds(30 + 60),
    async inject(ctx) {
      const silenced = [
        ctx.fleet.users.find((s) => s.spec.name.includes('via proxy')),
        ctx.fleet.profiles.find((s) => s.spec.name.includes('via proxy')),
      ].filter((s): s is ServiceProcess => s !== undefined);
      await sleep(seconds(5));
      // A 503 during the silence only counts if the instance was ready when it began.
      const readyBefore = await Promise.all(
        silenced.map((service) => firstAnswer(service, true, seconds(30))),
      );
      silenced.forEach((service, i) => {
        if (readyBefore[i] === undefined)
          ctx.problem(`${service.spec.name} was not ready before the silence`);
      });
      ctx.log(`silencing the brokers for ${silenced.map((s) => s.spec.name).join(' and ')}`);
      for (const proxy of ctx.proxies) proxy.silence();
      const silentFrom = Date.now();
      const notReadyAfter = await Promise.all(
        silenced.map((service) => firstAnswer(service, false, seconds(30))),
      );
      await sleep(Math.max(0, silentFrom + seconds(30) - Date.now()));
      ctx.log('healing');
      for (const proxy of ctx.proxies) proxy.heal();
      const healedAt = Date.now();
      const readyAfter = await Promise.all(
        silenced.map((service) => firstAnswer(service, true, seconds(60))),
      );
      silenced.forEach((service, i) => {
        const down = notReadyAfter[i];
        const up = readyAfter[i];
        ctx.observe(
          `${service.spec.name}: /readyz ${down === undefined ? 'stayed 200 during the silence' : `503 ${(down - silentFrom) / 1000} s after silence began`}, ` +
            `${up === undefined ? 'not ready 60 s after the heal' : `200 again ${(up - healedAt) / 1000} s after the heal`}`,
        );
        if (down === undefined) ctx.problem(`${service.spec.name} /readyz did not report the silent brokers`);
        if (up === undefined) ctx.problem(`${service.spec.name} not ready 60 s after the heal`);
      });
    },
  },
];

/**
 * SIGKILL a node, note how long until no partition of the topic names it leader any more, restart it after
 * 20 s through the stack CLI, and note the leaders then.
 */
async function killAndRestart(ctx: ClusterScenarioContext, node: KafkaNode, why: string): Promise<void> {
  ctx.log(`SIGKILL ${node.name} (${why})`);
  await killPart(node.name);
  const killedAt = Date.now();
  let failover = 'still leading partitions 20 s later';
  while (Date.now() - killedAt < seconds(20)) {
    const leaders = await partitionLeaders(ctx.kafka, ctx.topic).catch(() => undefined);
    if (leaders && !leaders.has(node.nodeId)) {
      failover = `its partitions had new leaders ${((Date.now() - killedAt) / 1000).toFixed(1)} s later (${leadersText(leaders)})`;
      break;
    }
    await sleep(500);
  }
  ctx.observe(`SIGKILL ${node.name} (${why}): ${failover}`);
  await sleep(Math.max(0, killedAt + seconds(20) - Date.now()));
  ctx.log(`starting ${node.name}`);
  await stack('up', node.name);
  const leaders = await partitionLeaders(ctx.kafka, ctx.topic);
  ctx.observe(
    `${node.name} answering again ${((Date.now() - killedAt) / 1000).toFixed(0)} s after the kill (${leadersText(leaders)})`,
  );
}

function leadersText(leaders: Map<number, number>): string {
  return [...leaders]
    .sort((a, b) => a[0] - b[0])
    .map(([id, count]) => `node ${id} leads ${count}`)
    .join(', ');
}

/**
 * Waits until the group is stable with exactly `members` sharing all partitions, and notes the assignment
 * and how long after `since` (the step's action) it settled.
 */
async function reportAssignment(
  ctx: ClusterScenarioContext,
  step: string,
  members: ServiceProcess[],
  since: number,
): Promise<void> {
  const started = Date.now();
  const expected = members.map((m) => m.spec.env.KAFKA_CLIENT_ID).sort();
  let last = { state: 'Unknown', members: [] as Awaited<ReturnType<typeof groupAssignment>>['members'] };
  while (Date.now() - started < ASSIGNMENT_TIMEOUT_MS) {
    last = await groupAssignment(ctx.kafka, ctx.group, ctx.topic).catch(() => last);
    const owners = last.members.map((m) => m.clientId).sort();
    const assigned = last.members.reduce((sum, m) => sum + m.partitions.length, 0);
    if (last.state === 'Stable' && assigned === PARTITIONS && owners.join() === expected.join()) {
      const line = `${step}: ${describeAssignment(last.members)} (settled ${((Date.now() - since) / 1000).toFixed(1)} s after the step began)`;
      ctx.log(line);
      return ctx.observe(line);
    }
    await sleep(500);
  }
  ctx.problem(
    `${step}: group not stable with ${expected.join(', ')} after ${ASSIGNMENT_TIMEOUT_MS / 1000} s (${last.state}: ${describeAssignment(last.members)})`,
  );
}

/** When /readyz first answers ready (or not), polled every 500 ms for up to `withinMs`; undefined if never. */
async function firstAnswer(
  service: ServiceProcess,
  ready: boolean,
  withinMs: number,
): Promise<number | undefined> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    if ((await service.answers('/readyz')) === ready) return Date.now();
    await sleep(500);
  }
  return undefined;
}
