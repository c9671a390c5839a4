import { setTimeout as sleep } from 'node:timers/promises';
import { runAtRate } from '@events/harness/rate-limiter';
import type { ServiceProcess } from '@events/harness/service-process';
import { stackPart as stack } from '@events/test-kit/stack-control';
import type { Producer } from 'kafkajs';
import type pg from 'pg';
import { lyingClients } from './lying-clients.ts';
import { malformedRequest } from './malformed-requests.ts';
import { garbageBody, poisonMessages } from './poison-messages.ts';

export interface ScenarioContext {
  userService: ServiceProcess;
  profileService: ServiceProcess;
  producer: Producer;
  topic: string;
  schemaId: number;
  admin: pg.Client;
  profileDatabase: string;
  userServiceUrl: string;
  log: (message: string) => void;
  /** Counts per scenario, filled by faults that send traffic of their own. */
  counters: {
    poisonSent: number;
    malformedSent: number;
    malformed5xx: number;
    malformedNon4xx: Map<string, number>;
  };
}

export interface Scenario {
  /** For `npm run e2e -- --only <id>,<id>`. */
  id: string;
  name: string;
  /** How long valid registrations keep flowing while the fault runs. */
  loadMs: number;
  inject: (ctx: ScenarioContext) => Promise<void>;
}

const seconds = (n: number) => n * 1000;

export const scenarios: Scenario[] = [
  {
    id: 'kafka-outage',
    name: 'kafka broker stopped 20 s',
    loadMs: seconds(35),
    async inject({ log }) {
      await sleep(seconds(5));
      log('stopping kafka');
      await stack('down', 'kafka');
      await sleep(seconds(20));
      log('starting kafka');
      await stack('up', 'kafka');
    },
  },
  {
    id: 'profile-kill',
    name: 'profile-service SIGKILLed 3x',
    loadMs: seconds(30),
    async inject({ profileService, log }) {
      for (let i = 1; i <= 3; i += 1) {
        await sleep(seconds(5));
        log(`SIGKILL profile-service (${i}/3)`);
        await profileService.kill();
        await sleep(seconds(2));
        await profileService.start();
      }
    },
  },
  {
    id: 'registry-outage',
    name: 'schema registry stopped 20 s',
    loadMs: seconds(35),
    async inject({ log }) {
      await sleep(seconds(5));
      log('stopping the registry');
      await stack('down', 'registry');
      await sleep(seconds(20));
      log('starting the registry');
      await stack('up', 'registry');
    },
  },
  {
    id: 'db-refused',
    name: 'profile DB refuses connections 15 s',
    loadMs: seconds(30),
    async inject({ admin, profileDatabase, log }) {
      await sleep(seconds(5));
      log(`refusing connections to ${profileDatabase}`);
      await admin.query(`ALTER DATABASE "${profileDatabase}" WITH ALLOW_CONNECTIONS false`);
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [
        profileDatabase,
      ]);
      await sleep(seconds(15));
      log(`accepting connections to ${profileDatabase} again`);
      await admin.query(`ALTER DATABASE "${profileDatabase}" WITH ALLOW_CONNECTIONS true`);
    },
  },
  {
    id: 'poison',
    name: 'poison messages between valid ones',
    loadMs: seconds(20),
    async inject({ producer, topic, schemaId, counters, log }) {
      const poison = [
        ...poisonMessages(45),
        ...Array.from({ length: 15 }, () => ({ kind: 'garbage-body', value: garbageBody(schemaId) })),
      ];
      log(`writing ${poison.length} poison messages straight to ${topic}`);
      for (const [i, message] of poison.entries()) {
        await producer.send({
          topic,
          acks: -1,
          messages: [{ key: `poison-${i}`, value: message.value, headers: { kind: message.kind } }],
        });
        counters.poisonSent += 1;
        await sleep(200);
      }
    },
  },
  {
    id: 'malformed-http',
    name: 'malformed HTTP requests mixed in',
    loadMs: seconds(25),
    async inject({ userServiceUrl, counters, log }) {
      const total = 3000;
      log(`sending ${total} malformed requests and 40 lying clients`);
      const recordWrong = (key: string) =>
        counters.malformedNon4xx.set(key, (counters.malformedNon4xx.get(key) ?? 0) + 1);
      // Answered only once the request or headers timeout passes (20 s / 10 s by default): run alongside.
      const lying = lyingClients(Number(new URL(userServiceUrl).port), 20).then((results) => {
        for (const result of results) {
          counters.malformedSent += 1;
          if (result.status >= 500 || result.status === 0) counters.malformed5xx += 1;
          if (result.status !== 408 || !result.problemJson || result.elapsedMs > 22_000)
            recordWrong(`${result.kind} → ${result.status} after ${result.elapsedMs} ms`);
        }
      });
      let next = 0;
      await runAtRate({ ratePerSecond: 150, maxInFlight: 20, shouldStop: () => next >= total }, async () => {
        const request = malformedRequest(next++);
        const headers: Record<string, string> = {
          ...(request.contentType ? { 'content-type': request.contentType } : {}),
          ...request.headers,
        };
        const answer: { status: number; problemJson: boolean; failure?: string } = await fetch(
          `${userServiceUrl}/users`,
          {
            method: 'POST',
            headers,
            body: request.body,
          },
        ).then(
          async (response) => {
            await response.arrayBuffer();
            const type = response.headers.get('content-type') ?? '';
            return { status: response.status, problemJson: type.startsWith('application/problem+json') };
          },
          (error: Error) => ({
            status: 0,
            problemJson: false,
            failure: String((error.cause as { code?: unknown } | undefined)?.code ?? error.message),
          }),
        );
        const { status, problemJson, failure } = answer;
        counters.malformedSent += 1;
        if (status >= 500 || status === 0) counters.malformed5xx += 1;
        const wrongStatus =
          request.expectedStatus === undefined
            ? status < 400 || status >= 500
            : status !== request.expectedStatus;
        if (wrongStatus || !problemJson)
          recordWrong(
            `${request.kind} → ${failure ?? status}${problemJson || failure ? '' : ' without problem+json'}`,
          );
      });
      await lying;
    },
  },
];
