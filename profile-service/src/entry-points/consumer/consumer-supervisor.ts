import { setTimeout as sleep } from 'node:timers/promises';
import type { Backoff } from '@events/service-platform/lifecycle';
import type { Logger } from '@events/service-platform/observability';
import type { Consumer, EachBatchPayload, Kafka } from 'kafkajs';

export interface ConsumerSupervisorDeps {
  kafka: Kafka;
  groupId: string;
  topic: string;
  partitionsConsumedConcurrently: number;
  sessionTimeoutMs: number;
  /** kafkajs's own retries (connect, fetch, join) and its restart after a crash: capped so it keeps probing. */
  retry: { baseMs: number; maxMs: number };
  eachBatch: (payload: EachBatchPayload) => Promise<void>;
  /** Called on every (re)join with the partitions now owned by this instance. */
  onAssignment: (partitions: number[]) => void;
  backoff: Backoff;
  logger: Logger;
}

export interface ConsumerSupervisor {
  start(): void;
  /** Finishes the in-flight batch, commits resolved offsets and leaves the group. */
  stop(): Promise<void>;
  /**
   * True while this instance is a member of the group with its assignment and has heard from Kafka (a
   * heartbeat or fetch answered) within the session timeout: a broker that stays silent instead of
   * refusing connections raises no error for a long while, and after that long the group has evicted us.
   */
  isReady(): boolean;
}

/**
 * Keeps one consumer alive for the life of the process. kafkajs restarts itself after retriable
 * crashes; when it gives up (restart: false) or cannot connect at all, a fresh consumer is created
 * after a backoff, so the process neither exits nor spins while Kafka is away.
 */
export function createConsumerSupervisor(deps: ConsumerSupervisorDeps): ConsumerSupervisor {
  const { kafka, groupId, topic, logger, backoff } = deps;
  const stopController = new AbortController();
  let current: Consumer | undefined;
  let ready = false;
  let lastHeardFromKafka = 0;
  const heardFromKafka = () => {
    lastHeardFromKafka = Date.now();
  };
  let loop: Promise<void> | undefined;

  async function runOnce(): Promise<void> {
    const consumer = kafka.consumer({
      groupId,
      sessionTimeout: deps.sessionTimeoutMs,
      heartbeatInterval: Math.floor(deps.sessionTimeoutMs / 10),
      // kafkajs's default backoff grows to 30 s, and it restarts a crashed consumer after its last backoff:
      // a broker back from an outage would wait for that sleep to end.
      retry: { initialRetryTime: deps.retry.baseMs, maxRetryTime: deps.retry.maxMs },
    });
    current = consumer;
    const gaveUp = new Promise<unknown>((resolve) => {
      consumer.on(consumer.events.CRASH, ({ payload }) => {
        ready = false;
        logger.error({ err: payload.error, restart: payload.restart }, 'kafka consumer crashed');
        if (!payload.restart) resolve(payload.error);
      });
    });
    consumer.on(consumer.events.HEARTBEAT, heardFromKafka);
    consumer.on(consumer.events.FETCH, heardFromKafka);
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      ready = true;
      heardFromKafka();
      backoff.reset('consumer');
      const partitions = payload.memberAssignment[topic] ?? [];
      logger.info({ groupId, memberId: payload.memberId, partitions }, 'joined the consumer group');
      deps.onAssignment(partitions);
    });
    consumer.on(consumer.events.DISCONNECT, () => {
      ready = false;
    });

    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachBatchAutoResolve: false,
      // Commits resolved offsets during long batches too; kafkajs also commits after every batch.
      autoCommitInterval: 5_000,
      partitionsConsumedConcurrently: deps.partitionsConsumedConcurrently,
      eachBatch: deps.eachBatch,
    });
    const stopped = new Promise<void>((resolve) =>
      stopController.signal.addEventListener('abort', () => resolve()),
    );
    await Promise.race([gaveUp, stopped]);
  }

  async function supervise(): Promise<void> {
    while (!stopController.signal.aborted) {
      try {
        await runOnce();
      } catch (error) {
        logger.error({ err: error }, 'kafka consumer failed to start');
      }
      ready = false;
      if (stopController.signal.aborted) return;
      await current?.disconnect().catch(() => {});
      const delayMs = backoff.next('consumer');
      logger.warn({ delayMs }, 'recreating the kafka consumer after a backoff');
      await sleep(delayMs, undefined, { signal: stopController.signal }).catch(() => {});
    }
  }

  return {
    start() {
      loop ??= supervise();
    },
    async stop() {
      stopController.abort();
      ready = false;
      await current?.disconnect();
      await loop;
    },
    isReady: () => ready && Date.now() - lastHeardFromKafka < deps.sessionTimeoutMs,
  };
}
