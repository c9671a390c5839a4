/**
 * `npm run e2e`: both services as real processes on the local stack, registrations at a steady rate,
 * one fault per scenario. Every registration acknowledged with a 201 must end up as exactly one profile.
 * Exits non-zero on any loss, duplicate, mangled name, 5xx to a malformed request or unexpected crash.
 * Then the faults of user-service's own PostgreSQL (user-db-scenarios.ts) on a scratch server (user-db-suite.ts),
 * a contract evolved live (rolling-upgrade/), and the cluster scenarios (cluster-scenarios.ts) on the
 * three-broker cluster (cluster-suite.ts).
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { registration } from '@events/harness/registrations';
import { createRunContext, createTopics, recreateDatabase } from '@events/harness/run-context';
import {
  assertServicesBuilt,
  profileServiceSpec,
  ServiceProcess,
  userServiceSpec,
} from '@events/harness/service-process';
import { logsDir, repoRoot } from '@events/stack/paths';
import { countMessages } from '@events/test-kit/topic-admin';
import pg from 'pg';
import { clusterScenarios } from './cluster-scenarios.ts';
import { runClusterSuite } from './cluster-suite.ts';
import { explainLost } from './explain-lost.ts';
import { renderTable, type ScenarioResult, scenarioResult } from './report.ts';
import { rollingUpgradeScenarios, runRollingUpgrade } from './rolling-upgrade/rolling-upgrade.ts';
import { registerAtRate, settle } from './scenario-load.ts';
import { type ScenarioContext, scenarios } from './scenarios.ts';
import { userDbScenarios } from './user-db-scenarios.ts';
import { runUserDbSuite } from './user-db-suite.ts';

const selected = selectScenarios(process.argv.slice(2));
const selectedStack = scenarios.filter((s) => selected.includes(s.id));
const selectedUserDb = userDbScenarios.filter((s) => selected.includes(s.id));
const selectedCluster = clusterScenarios.filter((s) => selected.includes(s.id));
const selectedRolling = rollingUpgradeScenarios.filter((s) => selected.includes(s.id));
const RATE_PER_SECOND = Number(process.env.E2E_RATE ?? 20);
const SETTLE_TIMEOUT_MS = 120_000;
const run = createRunContext('e2e');
const { runId, pgBase, kafka, log } = run;
const topic = `e2e.user_register.${runId}`;
const dlqTopic = `${topic}.dlq`;
const userDb = 'user_service_e2e';
const profileDb = 'profile_service_e2e';

async function main(): Promise<number> {
  assertServicesBuilt();
  await promisify(execFile)('npm', ['run', '-s', 'schemas:register'], { cwd: repoRoot });
  const schemaId = await latestSchemaId('user_register-value');
  const stack = selectedStack.length > 0 ? await runStackSuite(schemaId) : { results: [], crashes: [] };
  const userDb =
    selectedUserDb.length > 0
      ? await runUserDbSuite({ run, scenarios: selectedUserDb, ratePerSecond: RATE_PER_SECOND })
      : { results: [], crashes: [] };
  const rolling =
    selectedRolling.length > 0
      ? await runRollingUpgrade({ run, ratePerSecond: RATE_PER_SECOND })
      : { results: [], crashes: [] };
  const cluster =
    selectedCluster.length > 0
      ? await runClusterSuite({ run, scenarios: selectedCluster, ratePerSecond: RATE_PER_SECOND })
      : { results: [], crashes: [] };
  return report(
    [...stack.results, ...userDb.results, ...rolling.results, ...cluster.results],
    [...stack.crashes, ...userDb.crashes, ...rolling.crashes, ...cluster.crashes],
  );
}

/** The scenarios on the default single-broker stack: one instance of each service. */
async function runStackSuite(schemaId: number) {
  const [userDbUrl, profileDbUrl] = [
    await recreateDatabase(run, userDb),
    await recreateDatabase(run, profileDb),
  ];
  await createTopics(run, [topic, dlqTopic]);
  log(`topic ${topic}, databases ${userDb} and ${profileDb}`);

  const wiring = { brokers: run.brokers, registryUrl: run.registryUrl, topic };
  const userService = new ServiceProcess(
    userServiceSpec(
      { ...wiring, databaseUrl: userDbUrl },
      { port: 3100, logFile: join(logsDir, 'e2e-user-service.log'), outboxMaxBackoffMs: 2000 },
    ),
  );
  const group = `e2e-${runId}`;
  const profileService = new ServiceProcess(
    profileServiceSpec(
      { ...wiring, databaseUrl: profileDbUrl, dlqTopic, group },
      {
        port: 3101,
        logFile: join(logsDir, 'e2e-profile-service.log'),
        retryMaxMs: 2000,
        // A SIGKILLed member keeps its partitions until its session expires; 10 s keeps the run short.
        sessionTimeoutMs: 10_000,
      },
    ),
  );
  // Held for the whole run: the DB-refusal scenario closes the profile database through it.
  const admin = new pg.Client({ connectionString: `${pgBase}/postgres` });
  await admin.connect();
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  // A pool, because the DB-refusal scenario terminates every connection to the profile database.
  const profiles = new pg.Pool({ connectionString: profileDbUrl, max: 2 });
  profiles.on('error', () => undefined); // an idle connection terminated by that scenario; the pool replaces it
  const results: ScenarioResult[] = [];
  try {
    await Promise.all([userService.start(), profileService.start()]);
    await producer.connect();
    log(`services up (logs: ${logsDir}/e2e-*.log); ${RATE_PER_SECOND} registrations/s during each scenario`);

    const ctx: ScenarioContext = {
      userService,
      profileService,
      producer,
      topic,
      schemaId,
      admin,
      profileDatabase: profileDb,
      userServiceUrl: 'http://127.0.0.1:3100',
      log,
      counters: { poisonSent: 0, malformedSent: 0, malformed5xx: 0, malformedNon4xx: new Map() },
    };
    let registered = 0;
    for (const scenario of selectedStack) {
      log(`── ${scenario.name}`);
      const dlqBefore = await countMessages(dlqTopic, kafka);
      const malformedBefore = ctx.counters.malformed5xx;
      const poisonBefore = ctx.counters.poisonSent;
      const malformedSentBefore = ctx.counters.malformedSent;
      const [{ acknowledged, http5xx }] = await Promise.all([
        registerAtRate({
          urls: [ctx.userServiceUrl],
          ratePerSecond: RATE_PER_SECOND,
          durationMs: scenario.loadMs,
          nextRegistration: () => registration(runId, registered++),
        }),
        scenario.inject(ctx),
      ]);
      log(`load done: ${acknowledged.length} acknowledged; waiting for profiles`);
      const verdict = await settle(profiles, acknowledged, SETTLE_TIMEOUT_MS);
      const dlq = (await countMessages(dlqTopic, kafka)) - dlqBefore;
      const notes = [...ctx.counters.malformedNon4xx].map(([kind, count]) => `${count}x ${kind}`);
      ctx.counters.malformedNon4xx.clear();
      const poisonSent = ctx.counters.poisonSent - poisonBefore;
      const malformedSent = ctx.counters.malformedSent - malformedSentBefore;
      results.push(
        scenarioResult(
          scenario.name,
          {
            acknowledged: acknowledged.length,
            http5xx: http5xx + (ctx.counters.malformed5xx - malformedBefore),
          },
          verdict,
          {
            dlq,
            notes,
            observations: [
              ...(await explainLost({
                lost: verdict.lost,
                userDatabaseUrl: userDbUrl,
                kafka,
                topic,
                group,
              })),
              ...(poisonSent > 0 ? [`poison messages written: ${poisonSent}`] : []),
              ...(malformedSent > 0 ? [`malformed HTTP requests sent: ${malformedSent}`] : []),
            ],
            problems:
              poisonSent === dlq ? [] : [`${poisonSent} poison messages written but ${dlq} dead-lettered`],
          },
        ),
      );
      log(
        `   ${verdict.found}/${acknowledged.length} profiles, ${verdict.lost.length} lost, ${verdict.duplicated} duplicated, ${dlq} dead-lettered`,
      );
    }
    log('stopping services (SIGTERM)');
    await Promise.all([userService.stop(), profileService.stop()]);
    return { results, crashes: [...userService.crashes, ...profileService.crashes] };
  } finally {
    await Promise.all([userService.stop(), profileService.stop()]);
    await producer.disconnect().catch(() => undefined);
    await profiles.end().catch(() => undefined);
    await admin.end();
  }
}

function report(results: ScenarioResult[], crashes: string[]): number {
  console.log(`\n${renderTable(results)}\n`);
  for (const r of results.filter((r) => r.observations.length > 0))
    console.log(`${r.name}:\n${r.observations.map((line) => `  ${line}`).join('\n')}`);
  const failures = [
    ...results
      .filter((r) => r.lost > 0)
      .map((r) => `${r.name}: ${r.lost} acknowledged registrations have no profile`),
    ...results.filter((r) => r.duplicated > 0).map((r) => `${r.name}: ${r.duplicated} duplicate profiles`),
    ...results
      .filter((r) => r.mangled > 0)
      .map((r) => `${r.name}: ${r.mangled} profiles differ from the registration`),
    ...results
      .filter((r) => r.http5xx > 0)
      .map((r) => `${r.name}: ${r.http5xx} HTTP 5xx or unanswered requests`),
    ...results.flatMap((r) =>
      r.notes.map((note) => `${r.name}: malformed request not refused with a 4xx: ${note}`),
    ),
    ...results.flatMap((r) => r.problems.map((problem) => `${r.name}: ${problem}`)),
    ...crashes,
  ];
  for (const failure of failures) console.error(`FAIL ${failure}`);
  console.log(
    failures.length === 0
      ? 'e2e: every acknowledged registration became exactly one profile'
      : `e2e: ${failures.length} failure(s)`,
  );
  return failures.length === 0 ? 0 : 1;
}

/** Scenario ids to run: every one, or those named by `--only a,b`. */
function selectScenarios(args: string[]): string[] {
  const all = [...scenarios, ...userDbScenarios, ...rollingUpgradeScenarios, ...clusterScenarios].map(
    (s) => s.id,
  );
  const index = args.indexOf('--only');
  if (index === -1) return all;
  const ids = (args[index + 1] ?? '').split(',').filter(Boolean);
  const unknown = ids.filter((id) => !all.includes(id));
  if (ids.length === 0 || unknown.length > 0) {
    throw new Error(`--only takes a comma-separated list of: ${all.join(', ')}`);
  }
  return ids;
}

async function latestSchemaId(subject: string): Promise<number> {
  const response = await fetch(`${run.registryUrl}/subjects/${subject}/versions/latest`);
  if (!response.ok) throw new Error(`registry: ${subject} has no version (${response.status})`);
  return ((await response.json()) as { id: number }).id;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: Error) => {
    console.error(`e2e: ${error.stack ?? error.message}`);
    process.exitCode = 1;
  },
);
