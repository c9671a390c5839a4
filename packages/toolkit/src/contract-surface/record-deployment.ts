import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ContractManifest } from './contract-manifest.ts';
import {
  DEPLOYMENT_RECORD_FORMAT,
  DEPLOYMENT_REFRESH_MS,
  DEPLOYMENTS_TOPIC,
  type DeploymentRecord,
  deploymentKeyOf,
  type InstanceIdentity,
} from './deployment-record.ts';

/** The parts of a kafkajs producer the recorder uses (the service builds it with its own conventions). */
export interface RecordProducer {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  send(record: {
    topic: string;
    acks: number;
    messages: { key: string; value: string | null }[];
  }): Promise<unknown>;
}

/** The part of a kafkajs admin the recorder uses to create the compacted topic on first use. */
export interface RecordAdmin {
  connect(): Promise<void>;
  createTopics(options: {
    topics: { topic: string; numPartitions: number; configEntries: { name: string; value: string }[] }[];
  }): Promise<boolean>;
  disconnect(): Promise<void>;
}

export interface RecorderLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

export interface DeploymentRecorderInput {
  /** The manifest to record, refreshed before each write (schema ids learnt meanwhile). */
  manifest: () => Promise<ContractManifest>;
  producer: RecordProducer;
  admin: RecordAdmin;
  logger: RecorderLogger;
  topic?: string;
  refreshMs?: number;
  /** How long stop() may try to write the tombstone. */
  retractBudgetMs?: number;
}

export interface DeploymentRecorder {
  readonly instance: InstanceIdentity;
  /** Records this instance at once, then every refreshMs; failures are logged and retried at the next refresh. */
  start(): void;
  /**
   * Stops refreshing, writes this instance's tombstone (its version stops counting at once) unless the broker
   * does not answer within retractBudgetMs (the record then expires with its lastSeen), disconnects.
   */
  stop(): Promise<void>;
}

/** Records a running instance's manifest in the environment's compacted deployments topic. */
export function createDeploymentRecorder({
  manifest,
  producer,
  admin,
  logger,
  topic = DEPLOYMENTS_TOPIC,
  refreshMs = DEPLOYMENT_REFRESH_MS,
  retractBudgetMs = 1_000,
}: DeploymentRecorderInput): DeploymentRecorder {
  const instance: InstanceIdentity = {
    id: randomUUID(),
    host: hostname(),
    pid: process.pid,
    startedAt: new Date().toISOString(),
  };
  let timer: NodeJS.Timeout | undefined;
  let ready: Promise<void> | undefined;
  let latest: Promise<unknown> = Promise.resolve();
  let service: string | undefined;

  async function connect(): Promise<void> {
    await producer.connect();
    await admin.connect();
    try {
      await admin.createTopics({
        topics: [{ topic, numPartitions: 1, configEntries: [{ name: 'cleanup.policy', value: 'compact' }] }],
      });
    } finally {
      await admin.disconnect();
    }
  }

  async function record(): Promise<boolean> {
    try {
      ready ??= connect().catch((error: unknown) => {
        ready = undefined;
        throw error;
      });
      await ready;
      const current = await manifest();
      service = current.service.name;
      const value: DeploymentRecord = {
        format: DEPLOYMENT_RECORD_FORMAT,
        manifest: current,
        instance,
        lastSeen: new Date().toISOString(),
      };
      await producer.send({
        topic,
        acks: -1,
        messages: [{ key: deploymentKeyOf(service, instance.id), value: JSON.stringify(value) }],
      });
      return true;
    } catch (error) {
      logger.warn({ err: error, topic }, 'could not record this deployment; retrying at the next refresh');
      return false;
    }
  }

  return {
    instance,
    start() {
      latest = record().then((recorded) => {
        if (recorded) logger.info({ topic, instance: instance.id }, 'deployment recorded');
      });
      timer = setInterval(() => {
        latest = record();
      }, refreshMs);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      const retract = async () => {
        await latest;
        if (service === undefined) return 'nothing recorded';
        await producer.send({
          topic,
          acks: -1,
          messages: [{ key: deploymentKeyOf(service, instance.id), value: null }],
        });
        return 'retracted';
      };
      // Shutdown does not wait on a broker that is gone: kafkajs would retry for about 30 s.
      const outcome = await Promise.race([
        retract().catch((error: unknown) => error),
        sleep(retractBudgetMs, 'timed out', { ref: false }),
      ]);
      if (outcome !== 'retracted' && outcome !== 'nothing recorded')
        logger.warn(
          { err: outcome instanceof Error ? outcome : undefined, topic, retractBudgetMs },
          'could not retract this deployment; it expires with its lastSeen',
        );
      await producer.disconnect();
    },
  };
}
