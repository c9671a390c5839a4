import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { deadLetterTopicOf } from '@events/contracts';
import { registration } from '@events/harness/registrations';
import { createTopics, type RunContext, recreateDatabase } from '@events/harness/run-context';
import { profileServiceSpec, ServiceProcess, userServiceSpec } from '@events/harness/service-process';
import { logsDir, repoRoot } from '@events/stack/paths';
import { countMessages } from '@events/test-kit/topic-admin';
import pg from 'pg';
import { type ScenarioResult, scenarioResult } from '../report.ts';
import { registerAtRate, settle } from '../scenario-load.ts';
import type { Acknowledged } from '../verify.ts';
import { buildVariants, type Variants } from './build-variants.ts';
import { canIDeploy, type DeployAnswer, registerCatalog, writeManifest } from './contract-commands.ts';
import { judgeFieldFlow } from './field-flow.ts';
import { droppedByOldRelay, registrationTrails, renderTrails } from './registration-trails.ts';
import type { ServiceVariant } from './variant-bundle.ts';

export const rollingUpgradeScenarios = [
  {
    id: 'rolling-upgrade',
    name: 'user_register v2 → v3 rolled out under load, then user-service rolled back to v2',
  },
] as const;

const SETTLE_TIMEOUT_MS = 120_000;
/** HTTP ports apart from the other suites' (3100, 3150, 3200, 3300). */
const USER_PORTS = [3160, 3161];
const PROFILE_PORT = 3162;

/**
 * Issue 22 §4 on the default stack, in a namespace of its own: the topic, and so the subject
 * `<topic>-value`, are the run's. Two user-service instances and one profile-service, each a build of main's
 * code against one catalog version (build-variants.ts), replaced one at a time while registrations flow;
 * `can-i-deploy` is asked before every step and must give the documented answer.
 */
export async function runRollingUpgrade({
  run,
  ratePerSecond,
}: {
  run: RunContext;
  ratePerSecond: number;
}): Promise<{ results: ScenarioResult[]; crashes: string[] }> {
  const { log } = run;
  const began = performance.now();
  const topic = `e2e.user_register.${run.runId}.rolling`;
  const group = `e2e-${run.runId}-rolling`;
  // Under a node_modules folder: the bundles' external packages resolve from there as the services' do.
  const dir = join(repoRoot, 'tests/system/node_modules/.cache/rolling-upgrade', run.runId);
  const environment = { brokers: run.brokers, registryUrl: run.registryUrl };
  const problems: string[] = [];
  const observations: string[] = [];
  const started: ServiceProcess[] = [];
  let profiles: pg.Pool | undefined;
  try {
    const variants = await buildVariants(dir, topic);
    log(
      `built ${Object.values(variants)
        .map((v) => v.label)
        .join(', ')} (${dir})`,
    );
    const [userDbUrl, profileDbUrl] = [
      await recreateDatabase(run, 'user_service_e2e_rolling'),
      await recreateDatabase(run, 'profile_service_e2e_rolling'),
    ];
    await createTopics(run, [topic, deadLetterTopicOf(topic)]);
    await registerCatalog(variants.userV2.catalog, environment);
    log(`topic and subject ${topic}(-value), v1 and v2 registered`);

    const wiring = { brokers: run.brokers, registryUrl: run.registryUrl, topic };
    const launch = (variant: ServiceVariant, port: number) => {
      const logFile = join(logsDir, `e2e-rolling-${variant.service}-${port}.log`);
      const name = `${variant.label} on :${port}`;
      const spec =
        variant.service === 'user-service'
          ? userServiceSpec(
              { ...wiring, databaseUrl: userDbUrl },
              { name, port, logFile, outboxMaxBackoffMs: 2000 },
            )
          : profileServiceSpec(
              { ...wiring, databaseUrl: profileDbUrl, dlqTopic: deadLetterTopicOf(topic), group },
              { name, port, logFile, retryMaxMs: 2000, sessionTimeoutMs: 10_000 },
            );
      const service = new ServiceProcess({ ...spec, entry: variant.entry });
      started.push(service);
      return service;
    };
    const users = USER_PORTS.map((port) => launch(variants.userV2, port));
    let profile = launch(variants.profileV2, PROFILE_PORT);
    await Promise.all([...users, profile].map((service) => service.start()));
    await profile.waitFor('/readyz');
    // What the load balancer sends to: an instance leaves it before it stops and joins once it is ready.
    const urls = users.map((service) => service.url);
    const replaceUser = async (slot: number, variant: ServiceVariant) => {
      const old = users[slot] as ServiceProcess;
      urls.splice(urls.indexOf(old.url), 1);
      await old.stop();
      const next = launch(variant, old.spec.port);
      users[slot] = next;
      await next.start();
      await next.waitFor('/readyz');
      urls.push(next.url);
      log(`   ${old.spec.name} → ${next.spec.name}`);
    };
    const rollUsers = async (variant: ServiceVariant) => {
      for (const slot of USER_PORTS.keys()) {
        await replaceUser(slot, variant);
        await sleep(5_000);
      }
    };
    const ask = async (variant: ServiceVariant, expectYes: boolean, step: string) => {
      const answer = await canIDeploy(variant, await writeManifest(variant, dir), environment);
      observations.push(`${step}: can-i-deploy ${variant.label} → ${describe(answer)}`);
      log(`   can-i-deploy ${variant.label}: ${describe(answer)}`);
      if (answer.ok !== expectYes)
        problems.push(`${step}: can-i-deploy said ${answer.ok ? 'yes' : 'no'} for ${variant.label}`);
      return answer;
    };

    const acknowledged: Acknowledged[] = [];
    let http5xx = 0;
    let registered = 0;
    const underLoad = async (step: string, loadMs: number, action: () => Promise<void>) => {
      log(`── ${step}`);
      const [load] = await Promise.all([
        registerAtRate({
          urls,
          ratePerSecond,
          durationMs: loadMs,
          nextRegistration: () => registration(`${run.runId}r`, registered++),
        }),
        action(),
      ]);
      acknowledged.push(...load.acknowledged);
      http5xx += load.http5xx;
    };

    // The latest date there is: until profile-service moves, every profile is a v2 reader's.
    let v3ReaderFrom = new Date(8.64e15);
    await underLoad('1. both services on v2', 8_000, () => Promise.resolve());
    await underLoad('2. user-service to v3, one instance at a time', 25_000, async () => {
      if (!(await ask(variants.userV3, true, '2. user-service v3')).ok) return;
      await registerCatalog(variants.userV3.catalog, environment);
      await rollUsers(variants.userV3);
    });
    await underLoad('3. profile-service to v3', 20_000, async () => {
      if (!(await ask(variants.profileV3, true, '3. profile-service v3')).ok) return;
      await profile.stop();
      v3ReaderFrom = new Date();
      profile = launch(variants.profileV3, PROFILE_PORT);
      await profile.start();
      await profile.waitFor('/readyz');
      log(`   profile-service → ${profile.spec.name}`);
      await refusedReader(variants, ask, problems);
    });
    await underLoad('5. user-service back to v2 while profile-service stays on v3', 25_000, async () => {
      // The documented answer is yes: v3's default fills the field a v2 writer leaves out.
      if ((await ask(variants.userV2, true, '5. user-service v2 (rollback)')).ok)
        await rollUsers(variants.userV2);
    });

    log(`load done: ${acknowledged.length} acknowledged; waiting for profiles`);
    profiles = new pg.Pool({ connectionString: profileDbUrl, max: 2 });
    const verdict = await settle(profiles, acknowledged, SETTLE_TIMEOUT_MS);
    const dlq = await countMessages(deadLetterTopicOf(topic), run.kafka);
    const trails = await registrationTrails({ run, topic, profiles, userDbUrl, acknowledged });
    const flow = judgeFieldFlow(trails, v3ReaderFrom);
    problems.push(...flow.problems.slice(0, 20));
    if (flow.problems.length > 20) problems.push(`… and ${flow.problems.length - 20} more`);
    // What each step must have shown at least once: v2 readers skip the field, v3 readers store it, and read
    // the default once user-service is back on v2.
    for (const needed of [
      'created v3, written v3 → read v2',
      'created v3, written v3 → read v3',
      'created v2, written v2 → read v3',
    ])
      if (!flow.counts.has(needed)) problems.push(`no registration was ${needed}`);
    const trailFile = join(logsDir, 'e2e-rolling-upgrade-registrations.tsv');
    writeFileSync(trailFile, renderTrails(trails, variants));
    observations.push(
      'which builds created (accepted), wrote (relayed) and read each registration, by catalog version:',
      ...[...flow.counts].sort().map(([line, count]) => `  ${line}: ${count}`),
      `${droppedByOldRelay(flow.counts)} registrations accepted by a v3 instance were relayed by a v2 one, which ` +
        "wrote them without emailDomain: the outbox keeps the event as JSON and the lock holder's schema encodes it",
      `per registration: ${trailFile}`,
      `ran ${((performance.now() - began) / 1000).toFixed(0)} s, builds included`,
    );
    for (const service of [...users, profile].filter((s) => !s.running))
      problems.push(`${service.spec.name} is not running after the scenario`);
    return {
      results: [
        scenarioResult(
          rollingUpgradeScenarios[0].name,
          { acknowledged: acknowledged.length, http5xx },
          verdict,
          {
            dlq,
            notes: [],
            observations,
            problems: dlq === 0 ? problems : [...problems, `${dlq} dead-lettered`],
          },
        ),
      ],
      crashes: started.flatMap((service) => service.crashes),
    };
  } finally {
    await Promise.all(started.map((service) => service.stop()));
    await profiles?.end();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Step 4: a reader needing a field no deployed producer writes is refused, naming both; it is never started. */
async function refusedReader(
  variants: Variants,
  ask: (variant: ServiceVariant, expectYes: boolean, step: string) => Promise<DeployAnswer>,
  problems: string[],
): Promise<void> {
  const answer = await ask(variants.profileRequiringReferrer, false, '4. profile-service requiring referrer');
  if (answer.exitCode !== 1) problems.push(`4. can-i-deploy exited ${answer.exitCode}, not 1`);
  const named = answer.refusals.some(
    (r) => r.path === 'referrer' && r.against.startsWith(variants.userV3.label),
  );
  if (!named) problems.push(`4. no refusal names the field referrer and ${variants.userV3.label}`);
}

function describe(answer: DeployAnswer): string {
  const refusals = answer.refusals.map((r) => `${r.against}: ${r.path || '(type)'}: ${r.message}`);
  return [answer.ok ? 'yes' : 'no', ...refusals, ...answer.notes.map((note) => `note: ${note}`)].join('; ');
}
