import { join } from 'node:path';
import { registration } from '@events/harness/registrations';
import { createTopics, type RunContext, recreateDatabase } from '@events/harness/run-context';
import { scratchPostgres } from '@events/harness/scratch-postgres';
import { profileServiceSpec, ServiceProcess, userServiceSpec } from '@events/harness/service-process';
import { logsDir } from '@events/stack/paths';
import { countMessages } from '@events/test-kit/topic-admin';
import pg from 'pg';
import { auditAnswers, writtenWithoutAnswer } from './answer-audit.ts';
import { explainLost } from './explain-lost.ts';
import { registerWithKeys } from './keyed-load.ts';
import { describeRecovery, recoveryAfter, slowest } from './recovery.ts';
import { type ScenarioResult, scenarioResult } from './report.ts';
import { settle } from './scenario-load.ts';
import type { UserDbScenario } from './user-db-scenarios.ts';

const SETTLE_TIMEOUT_MS = 120_000;
/** Consumption, relaying and new registrations must all work again this soon after each fault ends. */
const RECOVERY_TARGET_MS = 5_000;
/** How long a client keeps retrying a registration with its key after its first attempt. */
const RETRY_FOR_MS = 60_000;
/** HTTP ports apart from the single-broker suite's (3100), the bench's (3200) and the cluster's (3300). */
const USER_PORT = 3150;
const PROFILE_PORT = 3151;
const DATABASE = 'user_service_e2e';

/**
 * The scenarios that fault user-service's PostgreSQL. The shared server must never be frozen or restarted, so
 * user-service runs on a scratch PostgreSQL of its own (@events/harness/scratch-postgres); profile-service,
 * Kafka and the registry are the default stack's. The load is a careful client's: an Idempotency-Key on every
 * registration, a 5xx retried with it.
 */
export async function runUserDbSuite({
  run,
  scenarios,
  ratePerSecond,
}: {
  run: RunContext;
  scenarios: readonly UserDbScenario[];
  ratePerSecond: number;
}): Promise<{ results: ScenarioResult[]; crashes: string[] }> {
  const { log } = run;
  const postgres = scratchPostgres();
  const topic = `e2e.user_register.${run.runId}.userdb`;
  const dlqTopic = `${topic}.dlq`;
  const group = `e2e-${run.runId}-userdb`;
  const results: ScenarioResult[] = [];
  const services: ServiceProcess[] = [];
  let profiles: pg.Pool | undefined;
  try {
    await postgres.start();
    const userDbUrl = await postgres.createDatabase(DATABASE);
    const profileDbUrl = await recreateDatabase(run, 'profile_service_e2e_userdb');
    await createTopics(run, [topic, dlqTopic]);
    log(`user-service on a scratch PostgreSQL (${postgres.baseUrl}, ${postgres.dataDir}); topic ${topic}`);
    const wiring = { brokers: run.brokers, registryUrl: run.registryUrl, topic };
    const userService = new ServiceProcess(
      userServiceSpec(
        { ...wiring, databaseUrl: userDbUrl },
        {
          name: 'user-service (scratch PostgreSQL)',
          port: USER_PORT,
          logFile: join(logsDir, 'e2e-user-db-user-service.log'),
          outboxMaxBackoffMs: 2000,
        },
      ),
    );
    const profileService = new ServiceProcess(
      profileServiceSpec(
        { ...wiring, databaseUrl: profileDbUrl, dlqTopic, group },
        {
          port: PROFILE_PORT,
          logFile: join(logsDir, 'e2e-user-db-profile-service.log'),
          retryMaxMs: 2000,
          sessionTimeoutMs: 10_000,
        },
      ),
    );
    services.push(userService, profileService);
    await Promise.all(services.map((service) => service.start()));
    profiles = new pg.Pool({ connectionString: profileDbUrl, max: 2 });
    let registered = 0;
    for (const scenario of scenarios) {
      log(`── ${scenario.name}`);
      const began = performance.now();
      const observations: string[] = [];
      const problems: string[] = [];
      const dlqBefore = await countMessages(dlqTopic, run.kafka);
      const topicBefore = await countMessages(topic, run.kafka);
      const lostBefore = await lostAnswers(userService.url);
      const [registrations, faultEnds] = await Promise.all([
        registerWithKeys({
          urls: [userService.url],
          ratePerSecond,
          durationMs: scenario.loadMs,
          retryForMs: RETRY_FOR_MS,
          nextRegistration: () => registration(`${run.runId}d`, registered++),
        }),
        scenario.inject({ postgres, database: DATABASE, log, observe: (line) => observations.push(line) }),
      ]);
      const users = new pg.Client({ connectionString: userDbUrl });
      await users.connect();
      try {
        const audit = auditAnswers(registrations, await writtenWithoutAnswer(users, registrations));
        problems.push(...audit.problems);
        log(
          `load done: ${registrations.length} registrations, ${audit.acknowledged.length} acknowledged, ` +
            `${audit.answers5xx} 5xx answers (${audit.outcomeUnknown} OUTCOME_UNKNOWN); waiting for profiles`,
        );
        const verdict = await settle(profiles, audit.acknowledged, SETTLE_TIMEOUT_MS);
        let recoveredMs = 0;
        for (const end of faultEnds) {
          const recovery = await recoveryAfter(end, registrations, { kafka: run.kafka, topic, profiles });
          const ms = slowest(recovery) ?? Number.POSITIVE_INFINITY;
          recoveredMs = Math.max(recoveredMs, ms);
          observations.push(describeRecovery(recovery));
          if (ms > RECOVERY_TARGET_MS)
            problems.push(
              `not working again within ${RECOVERY_TARGET_MS / 1000} s: ${describeRecovery(recovery)}`,
            );
        }
        const lostAfter = await lostAnswers(userService.url);
        const dlq = (await countMessages(dlqTopic, run.kafka)) - dlqBefore;
        const published = (await countMessages(topic, run.kafka)) - topicBefore;
        const waits = [...audit.waits]
          .map(
            ([answer, w]) =>
              `${w.count}× ${answer} (after ${seconds(w.medianMs)} median, ${seconds(w.maxMs)} max)`,
          )
          .join(', ');
        observations.push(
          `client: ${audit.answers5xx} 5xx answers, ${audit.outcomeUnknown} of them OUTCOME_UNKNOWN ` +
            `(${audit.unknownButWritten} had written: a retry got the original 201); ` +
            `${audit.settledByRetry} registrations settled by a retry with their key`,
          `answers other than 201: ${waits || 'none'}`,
          `relay: ${published} messages for ${audit.acknowledged.length} registrations ` +
            `(${published - audit.acknowledged.length} published again: at least once, deduplicated by the consumer)`,
          `service: lost answers ${['stored', 'not-written', 'unknown']
            .map((outcome) => `${outcome} ${(lostAfter[outcome] ?? 0) - (lostBefore[outcome] ?? 0)}`)
            .join(', ')} (registration_lost_answers_total)`,
          ...(await explainLost({
            lost: verdict.lost,
            userDatabaseUrl: userDbUrl,
            kafka: run.kafka,
            topic,
            group,
          })),
          `ran ${((performance.now() - began) / 1000).toFixed(0)} s (load ${scenario.loadMs / 1000} s, then retries and profiles)`,
        );
        for (const service of services.filter((s) => !s.running))
          problems.push(`${service.spec.name} is not running after the scenario`);
        results.push(
          scenarioResult(
            scenario.name,
            // Only what retrying with the key for RETRY_FOR_MS could not settle fails the run as a 5xx.
            { acknowledged: audit.acknowledged.length, http5xx: audit.unsettled5xx },
            verdict,
            {
              dlq,
              notes: [],
              observations,
              problems,
              retried5xx: { answers: audit.answers5xx, outcomeUnknown: audit.outcomeUnknown },
              recoveredMs,
            },
          ),
        );
        log(
          `   ${verdict.found}/${audit.acknowledged.length} profiles, ${verdict.lost.length} lost, ${verdict.duplicated} duplicated`,
        );
      } finally {
        await users.end();
      }
    }
  } finally {
    await Promise.all(services.map((service) => service.stop()));
    await profiles?.end();
    await postgres.close();
  }
  return { results, crashes: services.flatMap((service) => service.crashes) };
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** registration_lost_answers_total by outcome, from the service's /metrics. */
async function lostAnswers(url: string): Promise<Record<string, number>> {
  const text = await fetch(`${url}/metrics`).then(
    (response) => response.text(),
    () => '',
  );
  const counts: Record<string, number> = {};
  for (const [, outcome, value] of text.matchAll(
    /^registration_lost_answers_total\{outcome="([^"]+)"\} (\d+)/gm,
  ))
    if (outcome) counts[outcome] = Number(value);
  return counts;
}
