import { setTimeout as sleep } from 'node:timers/promises';
import type { BackendMoment, ScratchPostgres, TerminatedBackends } from '@events/harness/scratch-postgres';
import type { FaultEnd } from './recovery.ts';

export interface UserDbScenarioContext {
  /** user-service's own PostgreSQL: nothing else runs on it. */
  postgres: ScratchPostgres;
  database: string;
  log: (message: string) => void;
  /** Noted under the results table. */
  observe: (line: string) => void;
}

export interface UserDbScenario {
  /** For `npm run e2e -- --only <id>,<id>`. */
  id: string;
  name: string;
  /** How long new registrations keep coming; at least 10 s after the last fault ends. */
  loadMs: number;
  /** Injects the faults and says when each ended: recovery is measured from there. */
  inject: (ctx: UserDbScenarioContext) => Promise<FaultEnd[]>;
}

const seconds = (n: number) => n * 1000;

/** Faults of user-service's PostgreSQL (issue 28), which holds every event until the relay has published it. */
export const userDbScenarios: UserDbScenario[] = [
  {
    id: 'user-db-freeze',
    name: "user-service's PostgreSQL frozen (SIGSTOP) 20 s",
    loadMs: seconds(40),
    async inject({ postgres, log }) {
      await sleep(seconds(5));
      const frozen = postgres.freeze();
      log(
        `SIGSTOP the scratch PostgreSQL: postmaster ${frozen[0]} and ${frozen.length - 1} processes it forked`,
      );
      await sleep(seconds(20));
      postgres.thaw();
      log('SIGCONT');
      return [{ fault: 'SIGCONT after 20 s frozen', at: Date.now() }];
    },
  },
  {
    id: 'user-db-restart',
    name: "user-service's DB connections cut 3x, then a fast restart",
    loadMs: seconds(35),
    async inject({ postgres, database, log, observe }) {
      const ends: FaultEnd[] = [];
      for (const [i, { when, moment }] of cuts.entries()) {
        await sleep(seconds(5));
        const cut = await postgres.terminateBackends(database, moment);
        const fault = `cut ${i + 1} (${when})`;
        ends.push({ fault, at: Date.now() });
        log(`pg_terminate_backend ${i + 1}/${cuts.length}: ${cut.backends.length} connections`);
        observe(describeCut(fault, cut, moment));
      }
      await sleep(seconds(5));
      log('pg_ctl restart -m fast');
      const began = Date.now();
      await postgres.restart();
      ends.push({ fault: 'fast restart', at: Date.now() });
      observe(
        `fast restart: accepting connections again ${((Date.now() - began) / 1000).toFixed(2)} s after it began`,
      );
      return ends;
    },
  },
];

/** Each cut at another place a connection can be held (issue 28): a registration, the relay's claim, anywhere. */
const cuts: Array<{ when: string; moment?: BackendMoment }> = [
  {
    when: "while a registration's INSERT runs",
    moment: { state: 'active', query: 'WITH idempotency_key AS%' },
  },
  {
    when: 'while the relay holds its claim transaction',
    moment: { state: 'idle in transaction', query: '%FOR UPDATE SKIP LOCKED%' },
  },
  { when: 'at any moment' },
];

function describeCut(
  fault: string,
  { backends, caught, waitedMs }: TerminatedBackends,
  moment?: BackendMoment,
) {
  const counts = new Map<string, number>();
  for (const { applicationName, state } of backends) {
    const name = `${applicationName || '(unnamed)'} ${state}`;
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  const held = [...counts].map(([name, count]) => `${count}× ${name}`).join(', ');
  const timing = moment
    ? caught
      ? `, after waiting ${(waitedMs / 1000).toFixed(2)} s for that moment`
      : ', that moment never came within 3 s'
    : '';
  return `${fault}: ${backends.length} connections terminated (${held})${timing}`;
}
