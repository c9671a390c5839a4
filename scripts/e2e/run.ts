/**
 * `npm run e2e`: both services as real processes on the local stack, registrations at a steady rate,
 * one fault per scenario. Every registration acknowledged with a 201 must end up as exactly one profile.
 * Exits non-zero on any loss, duplicate, mangled name, 5xx to a malformed request or unexpected crash.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import type { Kafka } from 'kafkajs';
import pg from 'pg';
import { runAtRate } from '../harness/rate-limiter.ts';
import { registration } from '../harness/registrations.ts';
import { createRunContext, createTopics, recreateDatabase } from '../harness/run-context.ts';
import { ServiceProcess } from '../harness/service-process.ts';
import { logsDir, repoRoot } from '../stack/paths.ts';
import { renderTable, type ScenarioResult } from './report.ts';
import { type Scenario, type ScenarioContext, scenarios } from './scenarios.ts';
import { type Acknowledged, verify } from './verify.ts';

const selected = selectScenarios(process.argv.slice(2));
const RATE_PER_SECOND = Number(process.env.E2E_RATE ?? 20);
const SETTLE_TIMEOUT_MS = 120_000;
const run = createRunContext('e2e');
const { runId, pgBase, kafka, log } = run;
const topic = `e2e.user_register.${runId}`;
const dlqTopic = `${topic}.dlq`;
const userDb = 'user_service_e2e';
const profileDb = 'profile_service_e2e';

async function main(): Promise<number> {
  for (const entry of ['user-service/dist/main.js', 'profile-service/dist/main.js']) {
    if (!existsSync(join(repoRoot, entry)))
      throw new Error(`${entry} is missing: run \`npm run build\` first`);
  }
  const [userDbUrl, profileDbUrl] = [
    await recreateDatabase(run, userDb),
    await recreateDatabase(run, profileDb),
  ];
  await createTopics(run, [topic, dlqTopic]);
  log(`topic ${topic}, databases ${userDb} and ${profileDb}`);

  await promisify(execFile)('npm', ['run', '-s', 'schemas:register'], { cwd: repoRoot });
  const schemaId = await latestSchemaId('user_register-value');

  const common = {
    KAFKA_BROKERS: run.brokers.join(','),
    SCHEMA_REGISTRY_URL: run.registryUrl,
    LOG_LEVEL: 'info',
  };
  const userService = new ServiceProcess({
    name: 'user-service',
    entry: 'user-service/dist/main.js',
    port: 3100,
    logFile: join(logsDir, `e2e-user-service.log`),
    env: {
      ...common,
      DATABASE_URL: userDbUrl,
      USER_REGISTER_TOPIC: topic,
      OUTBOX_MAX_BACKOFF_MS: '2000',
    },
  });
  const profileService = new ServiceProcess({
    name: 'profile-service',
    entry: 'profile-service/dist/main.js',
    port: 3101,
    logFile: join(logsDir, `e2e-profile-service.log`),
    env: {
      ...common,
      DATABASE_URL: profileDbUrl,
      SOURCE_TOPIC: topic,
      DLQ_TOPIC: dlqTopic,
      CONSUMER_GROUP: `e2e-${runId}`,
      RETRY_MAX_MS: '2000',
      // A SIGKILLed member keeps its partitions until its session expires; 10 s keeps the run short.
      KAFKA_SESSION_TIMEOUT_MS: '10000',
    },
  });
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
    for (const scenario of selected) {
      log(`── ${scenario.name}`);
      const acknowledged: Acknowledged[] = [];
      let http5xx = 0;
      const dlqBefore = await topicSize(kafka, dlqTopic);
      const malformedBefore = ctx.counters.malformed5xx;
      const loadEnds = Date.now() + scenario.loadMs;
      const load = runAtRate(
        { ratePerSecond: RATE_PER_SECOND, maxInFlight: 50, shouldStop: () => Date.now() >= loadEnds },
        async () => {
          const body = registration(runId, registered++);
          const response = await fetch(`${ctx.userServiceUrl}/users`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(body),
          }).catch(() => undefined);
          if (!response || response.status >= 500) http5xx += 1;
          if (response?.status === 201)
            acknowledged.push({ ...body, id: ((await response.json()) as { id: string }).id });
          else await response?.arrayBuffer();
        },
      );
      await Promise.all([load, scenario.inject(ctx)]);
      log(`load done: ${acknowledged.length} acknowledged; waiting for profiles`);
      const verdict = await settle(profiles, acknowledged);
      const dlq = (await topicSize(kafka, dlqTopic)) - dlqBefore;
      const notes = [...ctx.counters.malformedNon4xx].map(([kind, count]) => `${count}x ${kind}`);
      ctx.counters.malformedNon4xx.clear();
      results.push({
        name: scenario.name,
        acknowledged: acknowledged.length,
        found: verdict.found,
        lost: verdict.lost.length,
        duplicated: verdict.duplicated,
        mangled: verdict.mangled.length,
        dlq,
        http5xx: http5xx + (ctx.counters.malformed5xx - malformedBefore),
        maxDelayMs: verdict.maxDelayMs,
        notes,
      });
      log(
        `   ${verdict.found}/${acknowledged.length} profiles, ${verdict.lost.length} lost, ${verdict.duplicated} duplicated, ${dlq} dead-lettered`,
      );
    }
    log('stopping services (SIGTERM)');
    await Promise.all([userService.stop(), profileService.stop()]);
    return report(results, ctx, [...userService.crashes, ...profileService.crashes]);
  } finally {
    await Promise.all([userService.stop(), profileService.stop()]);
    await producer.disconnect().catch(() => undefined);
    await profiles.end().catch(() => undefined);
    await admin.end();
  }
}

function report(results: ScenarioResult[], ctx: ScenarioContext, crashes: string[]): number {
  console.log(`\n${renderTable(results)}\n`);
  console.log(
    `poison messages written: ${ctx.counters.poisonSent}; malformed HTTP requests: ${ctx.counters.malformedSent}`,
  );
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
    ...crashes,
  ];
  const poisonResult = results.find((r) => r.name.startsWith('poison'));
  if (poisonResult && poisonResult.dlq !== ctx.counters.poisonSent) {
    failures.push(`poison: ${ctx.counters.poisonSent} written but ${poisonResult.dlq} dead-lettered`);
  }
  for (const failure of failures) console.error(`FAIL ${failure}`);
  console.log(
    failures.length === 0
      ? 'e2e: every acknowledged registration became exactly one profile'
      : `e2e: ${failures.length} failure(s)`,
  );
  return failures.length === 0 ? 0 : 1;
}

/** Waits until every acknowledged registration has a profile, or the timeout passes. */
async function settle(profiles: pg.Pool, acknowledged: Acknowledged[]) {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  for (;;) {
    const verdict = await verify(profiles, acknowledged);
    if (verdict.lost.length === 0 || Date.now() > deadline) return verdict;
    await sleep(1000);
  }
}

function selectScenarios(args: string[]): Scenario[] {
  const index = args.indexOf('--only');
  if (index === -1) return scenarios;
  const ids = (args[index + 1] ?? '').split(',').filter(Boolean);
  const unknown = ids.filter((id) => !scenarios.some((s) => s.id === id));
  if (ids.length === 0 || unknown.length > 0) {
    throw new Error(`--only takes a comma-separated list of: ${scenarios.map((s) => s.id).join(', ')}`);
  }
  return scenarios.filter((s) => ids.includes(s.id));
}

async function latestSchemaId(subject: string): Promise<number> {
  const response = await fetch(`${run.registryUrl}/subjects/${subject}/versions/latest`);
  if (!response.ok) throw new Error(`registry: ${subject} has no version (${response.status})`);
  return ((await response.json()) as { id: number }).id;
}

/** Messages ever written to a topic: the sum of its partitions' high watermarks. */
async function topicSize(kafka: Kafka, name: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(name);
    return offsets.reduce((sum, p) => sum + Number(p.high), 0);
  } finally {
    await admin.disconnect();
  }
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
