import { acquireCluster } from '@events/harness/local-cluster';
import { registration } from '@events/harness/registrations';
import { createTopics, onBrokers, type RunContext, recreateDatabase } from '@events/harness/run-context';
import { threeBrokers } from '@events/stack/parts/kafka';
import { HOST } from '@events/stack/parts/kafka-node';
import { TcpProxy as SilentProxy } from '@events/test-kit/tcp-proxy';
import { countMessages } from '@events/test-kit/topic-admin';
import pg from 'pg';
import type { ClusterScenario } from './cluster-scenarios.ts';
import { explainLost } from './explain-lost.ts';
import { Fleet } from './fleet.ts';
import { type ScenarioResult, scenarioResult } from './report.ts';
import { registerAtRate, settle } from './scenario-load.ts';

const SETTLE_TIMEOUT_MS = 180_000;
const USER_INSTANCES = 2;
/** HTTP ports of the fleet, apart from the single-broker suite's (3100) and the bench's (3200). */
const BASE_PORT = 3300;

/**
 * The scenarios on the local three-broker cluster (`stack:up -- --brokers 3`), started here if it is not
 * running and stopped afterwards if it was started here. Services keep using the default stack's registry
 * and PostgreSQL; their topic has replication factor 3 and min.insync.replicas 2.
 */
export async function runClusterSuite({
  run,
  scenarios,
  ratePerSecond,
}: {
  run: RunContext;
  scenarios: readonly ClusterScenario[];
  ratePerSecond: number;
}): Promise<{ results: ScenarioResult[]; crashes: string[] }> {
  const { log } = run;
  const nodes = threeBrokers.nodes;
  const releaseCluster = await acquireCluster(log);
  const cluster = onBrokers(run, threeBrokers.bootstrap);
  const topic = `e2e.user_register.${run.runId}.cluster`;
  const dlqTopic = `${topic}.dlq`;
  await createTopics(cluster, [topic, dlqTopic], {
    replicationFactor: threeBrokers.topicSettings.replicationFactor,
  });
  const [userDbUrl, profileDbUrl] = [
    await recreateDatabase(run, 'user_service_e2e_cluster'),
    await recreateDatabase(run, 'profile_service_e2e_cluster'),
  ];
  const proxies = nodes.flatMap(({ faultListener }) =>
    faultListener
      ? [new SilentProxy(faultListener.advertisedPort, { host: HOST, port: faultListener.port })]
      : [],
  );
  const profiles = new pg.Pool({ connectionString: profileDbUrl, max: 2 });
  const results: ScenarioResult[] = [];
  const crashes: string[] = [];
  let registered = 0;
  try {
    await Promise.all(proxies.map((proxy) => proxy.start()));
    for (const scenario of scenarios) {
      log(`── ${scenario.name}`);
      const group = `e2e-${run.runId}-${scenario.id}`;
      const fleet = new Fleet({
        users: { brokers: cluster.brokers, registryUrl: run.registryUrl, databaseUrl: userDbUrl, topic },
        profiles: {
          brokers: cluster.brokers,
          registryUrl: run.registryUrl,
          databaseUrl: profileDbUrl,
          topic,
          dlqTopic,
          group,
        },
        proxiedBrokers: proxies.map((proxy) => `${HOST}:${proxy.port}`),
        proxied: { user: 2, profile: 3 },
        basePort: BASE_PORT,
      });
      const observations: string[] = [];
      const problems: string[] = [];
      try {
        for (let i = 0; i < USER_INSTANCES; i += 1) await fleet.addUser();
        for (let i = 0; i < scenario.initialProfiles; i += 1) await fleet.addProfile();
        const dlqBefore = await countMessages(dlqTopic, cluster.kafka);
        const [{ acknowledged, http5xx }] = await Promise.all([
          registerAtRate({
            urls: fleet.userUrls,
            ratePerSecond,
            durationMs: scenario.loadMs,
            nextRegistration: () => registration(`${run.runId}k`, registered++),
          }),
          scenario.inject({
            fleet,
            kafka: cluster.kafka,
            topic,
            group,
            nodes,
            proxies,
            log,
            observe: (line) => observations.push(line),
            problem: (line) => problems.push(line),
          }),
        ]);
        log(`load done: ${acknowledged.length} acknowledged; waiting for profiles`);
        const verdict = await settle(profiles, acknowledged, SETTLE_TIMEOUT_MS);
        const dlq = (await countMessages(dlqTopic, cluster.kafka)) - dlqBefore;
        observations.push(
          ...(await explainLost({
            lost: verdict.lost,
            userDatabaseUrl: userDbUrl,
            kafka: cluster.kafka,
            topic,
            group,
          })),
        );
        if (verdict.lost.length === 0 && verdict.maxDelayMs > scenario.maxDelayMs)
          problems.push(
            `slowest profile took ${(verdict.maxDelayMs / 1000).toFixed(1)} s (target ≤ ${scenario.maxDelayMs / 1000} s)`,
          );
        results.push(
          scenarioResult(scenario.name, { acknowledged: acknowledged.length, http5xx }, verdict, {
            dlq,
            notes: [],
            observations,
            problems,
          }),
        );
        log(
          `   ${verdict.found}/${acknowledged.length} profiles, ${verdict.lost.length} lost, ${verdict.duplicated} duplicated`,
        );
      } finally {
        await fleet.stopAll();
        crashes.push(...fleet.crashes);
      }
    }
  } finally {
    await Promise.all(proxies.map((proxy) => proxy.close().catch(() => undefined)));
    await profiles.end();
    await releaseCluster();
  }
  return { results, crashes };
}
