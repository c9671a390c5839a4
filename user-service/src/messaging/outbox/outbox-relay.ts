import { EVENT_HEADERS, messageContract } from '@events/contracts';
import { backoffDelay } from '@events/service-platform/lifecycle';
import type { Logger } from '@events/service-platform/observability';
import type { Queryable } from '@events/service-platform/postgres';
import {
  contextOf,
  failSpan,
  injectInto,
  recordContract,
  type Span,
  startSendSpan,
} from '@events/service-platform/tracing';
import type { Message } from 'kafkajs';
import type { Metrics } from '../../observability/metrics.ts';
import type { EventPublisher, TopicMessages } from '../event-publisher.ts';
import { type EncodeOutboxRow, isPermanentEncodeFailure } from './encode-outbox-row.ts';
import {
  announcePendingRows,
  type Checkpoint,
  claimCheckpoint,
  type OutboxRow,
  park,
  readAfter,
  readCheckpoint,
  saveCheckpoint,
} from './outbox-repository.ts';
import type { RelaySession } from './relay-session.ts';

export interface OutboxRelayDeps {
  /** Opens this relay's own connection (relay-session.ts); `onWakeup` runs on every NOTIFY and when it ends. */
  openSession: (onWakeup: () => void) => Promise<RelaySession>;
  /** Where a relay that does not lead sends its NOTIFY after a local commit. */
  pool: Queryable;
  publisher: EventPublisher;
  encode: EncodeOutboxRow;
  /** The Kafka topic a contract topic's events land on: itself in production, a scratch topic in tests. */
  destinationOf: (topic: string) => string;
  /** Names this instance in the checkpoint row, /readyz and the logs. */
  instance: string;
  logger: Logger;
  metrics: Metrics;
  batchSize: number;
  /** Polling fallback of the leader when no wake-up comes. */
  pollIntervalMs: number;
  /** How often a standby tries to take the lock. */
  leaderPollMs: number;
  maxBackoffMs: number;
}

export interface OutboxRelay {
  start(): void;
  /**
   * An event was just committed in this process: the leader reads at once; a standby NOTIFYs the leader
   * (outside the registration's transaction, coalesced), since a NOTIFY inside it would serialize commits.
   */
  wake(): void;
  /** Stops after the current batch (publish + checkpoint) and gives the lock up with the session. */
  stop(): Promise<void>;
  readonly leading: boolean;
}

const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));

interface Encoded {
  row: OutboxRow;
  message: Message;
  /** Joins the request's trace through the context stored with the row; ends when Kafka answers. */
  span: Span;
}

/** A failure that is Kafka's or the registry's, not the database's: another instance may do better. */
class PublishFailed extends Error {}

/**
 * Exactly one relay per outbox reads and publishes, in (transaction id, position) order, so the events of a
 * key reach Kafka in the order their transactions took the key, whatever the number of instances. The others
 * wait as standbys and take over within `leaderPollMs` of the leader's session ending (a crash, SIGKILL,
 * a cut connection) or of it stepping down because it cannot publish.
 */
export function createOutboxRelay(deps: OutboxRelayDeps): OutboxRelay {
  const log = deps.logger.child({ component: 'outbox-relay', instance: deps.instance });
  let running: Promise<void> | undefined;
  let stopping = false;
  let leading = false;
  let woken = false;
  let wake: (() => void) | undefined;
  let notifying: Promise<void> | undefined;
  let notifyAgain = false;

  const onWakeup = () => {
    woken = true;
    wake?.();
  };

  /** One NOTIFY in flight at a time; commits meanwhile are covered by one more after it. */
  const notifyLeader = () => {
    if (notifying) {
      notifyAgain = true;
      return;
    }
    notifying = announcePendingRows(deps.pool)
      .catch((error: unknown) => log.debug({ err: error }, 'could not wake the leading relay'))
      .finally(() => {
        notifying = undefined;
        if (notifyAgain) {
          notifyAgain = false;
          notifyLeader();
        }
      });
  };

  /** Sleeps up to `ms`; a wake-up (if `onNotify`) or stop() cuts it short. */
  const pause = (ms: number, onNotify: boolean) =>
    new Promise<void>((resolve) => {
      if (stopping || (onNotify && woken)) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      }
      wake = () => {
        if (stopping || onNotify) done();
      };
    });

  const setLeading = (value: boolean) => {
    if (leading === value) return;
    leading = value;
    deps.metrics.relayActive.set(value ? 1 : 0);
    log.info(value ? 'outbox relay is the active reader' : 'outbox relay is a standby');
  };

  /** Reads, publishes and checkpoints one batch; says how many events it relayed and whether to look again soon. */
  async function relayBatch(session: RelaySession, from: Checkpoint) {
    const { settled, waiting } = await readAfter(session, from, deps.batchSize);
    const last = settled.at(-1);
    if (!last) return { relayed: 0, waiting, checkpoint: from };
    const { encoded, parked } = await encodeOrPark(settled);
    for (const { row, error } of parked) await park(session, row, errorMessage(error));
    if (encoded.length > 0) {
      try {
        await deps.publisher.publish(byDestination(encoded));
        endSpans(encoded);
      } catch (error) {
        endSpans(encoded, error);
        deps.metrics.eventsFailed.inc({ reason: 'transient' }, encoded.length);
        throw new PublishFailed(errorMessage(error), { cause: error });
      }
    }
    const checkpoint = { xactId: last.xactId, position: last.position };
    await saveCheckpoint(session, checkpoint, deps.instance);
    deps.metrics.eventsPublished.inc(encoded.length);
    for (const { row, error } of parked) {
      log.error({ err: error, eventId: row.id }, 'outbox event can never be encoded; parked it');
      deps.metrics.eventsFailed.inc({ reason: 'permanent' });
    }
    return { relayed: settled.length, waiting, checkpoint };
  }

  /** Events that can never be encoded are parked so they do not block the events behind them. */
  async function encodeOrPark(rows: OutboxRow[]) {
    const encoded: Encoded[] = [];
    const parked: Array<{ row: OutboxRow; error: unknown }> = [];
    for (const row of rows) {
      try {
        const value = await deps.encode(row);
        const headers = { ...row.headers, [EVENT_HEADERS.eventId]: row.id };
        const span = startSendSpan(
          { topic: deps.destinationOf(row.topic), key: row.key },
          contextOf(row.headers),
        );
        if (span.isRecording()) recordContract(span, messageContract(row.topic, value));
        injectInto(headers, span);
        encoded.push({ row, message: { key: row.key, value, headers }, span });
      } catch (error) {
        if (!isPermanentEncodeFailure(error)) throw new PublishFailed(errorMessage(error), { cause: error });
        parked.push({ row, error });
      }
    }
    return { encoded, parked };
  }

  function endSpans(encoded: Encoded[], error?: unknown): void {
    for (const { span } of encoded) {
      if (error !== undefined) failSpan(span, error);
      span.end();
    }
  }

  /** One send for the whole batch, whatever topics its rows belong to; order within a topic is kept. */
  function byDestination(encoded: Encoded[]): TopicMessages[] {
    const batches = new Map<string, Message[]>();
    for (const { row, message } of encoded) {
      const topic = deps.destinationOf(row.topic);
      const messages = batches.get(topic) ?? [];
      messages.push(message);
      batches.set(topic, messages);
    }
    return [...batches].map(([topic, messages]) => ({ topic, messages }));
  }

  async function loop(): Promise<void> {
    let session: RelaySession | undefined;
    let checkpoint: Checkpoint | undefined;
    let failures = 0;
    // While committed events wait behind a running transaction: look again soon, then less and less often.
    let waitingRounds = 0;
    while (!stopping) {
      woken = false;
      if (session?.broken) {
        // The lock went with the session.
        session = undefined;
        checkpoint = undefined;
        setLeading(false);
      }
      try {
        session ??= await deps.openSession(onWakeup);
        if (!leading) {
          if (!(await session.tryLead())) {
            await pause(deps.leaderPollMs, false);
            continue;
          }
          // Session-level advisory locks stack: take it once per session, whatever fails after.
          setLeading(true);
          await claimCheckpoint(session, deps.instance);
        }
        // Read again after every failure: this leader is the only writer, but a previous one may have moved it.
        checkpoint ??= await readCheckpoint(session);
        const batch = await relayBatch(session, checkpoint);
        checkpoint = batch.checkpoint;
        if (failures > 0) log.info({ failedAttempts: failures }, 'outbox relay publishing again');
        failures = 0;
        if (batch.relayed === deps.batchSize) continue;
        waitingRounds = batch.waiting ? waitingRounds + 1 : 0;
        const delay = batch.waiting ? Math.min(2 ** waitingRounds, deps.pollIntervalMs) : deps.pollIntervalMs;
        await pause(delay, true);
      } catch (error) {
        failures += 1;
        if (failures === 1) log.warn({ err: error }, 'outbox relay cannot publish; retrying with backoff');
        const backoff = backoffDelay(failures, { baseMs: 250, maxMs: deps.maxBackoffMs });
        checkpoint = undefined;
        if (session?.broken) {
          await pause(backoff, false);
        } else if (leading && session && error instanceof PublishFailed) {
          // Kafka or the registry fails for this instance: let a standby whose network may be fine try.
          await session.stepDown().catch(() => undefined);
          setLeading(false);
          await pause(Math.max(backoff, 2 * deps.leaderPollMs), false);
        } else {
          await pause(backoff, false);
        }
      }
    }
    setLeading(false);
    await session?.close();
  }

  return {
    start() {
      if (running) return;
      stopping = false;
      log.info('outbox relay started');
      running = loop();
    },
    wake() {
      if (leading) onWakeup();
      else notifyLeader();
    },
    async stop() {
      stopping = true;
      wake?.();
      await running;
      await notifying;
      running = undefined;
      log.info('outbox relay stopped');
    },
    get leading() {
      return leading;
    },
  };
}
