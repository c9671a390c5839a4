import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '@events/stack/paths';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const composeFile = join(repoRoot, 'docker-compose.yml');
const clusterFile = join(repoRoot, 'docker-compose.cluster.yml');

interface ComposeService {
  environment?: Record<string, string | number>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: unknown;
  command?: string[];
}
type Compose = { services: Record<string, ComposeService> };

const load = (file: string) => parse(readFileSync(file, 'utf8'), { merge: true }) as Compose;

/** Compose's merge of an override file for the keys used here: mappings merge, anything else is replaced. */
function mergeCompose(base: unknown, override: unknown): unknown {
  if (!isMapping(base) || !isMapping(override)) return override;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) merged[key] = mergeCompose(base[key], value);
  return merged;
}

const isMapping = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

describe.each([composeFile, clusterFile].map((file) => [basename(file), file]))('%s', (_name, file) => {
  it('passes dclint (Compose Specification schema and best-practice rules) without errors or warnings', async () => {
    const dclint = join(repoRoot, 'node_modules', '.bin', 'dclint');
    const result = await promisify(execFile)(dclint, [file, '--max-warnings', '0']).then(
      ({ stdout }) => ({ code: 0, output: stdout }),
      (error: { code: number; stdout: string }) => ({ code: error.code, output: error.stdout }),
    );
    expect(result.output).not.toMatch(/error|warning/);
    expect(result.code).toBe(0);
  });
});

describe('docker-compose.yml', () => {
  it('starts the services only after the stack is healthy and the schemas are registered', () => {
    const { services } = load(composeFile);
    for (const name of ['user-service', 'profile-service']) {
      expect(services[name]?.depends_on).toMatchObject({
        postgres: { condition: 'service_healthy' },
        'schemas-register': { condition: 'service_completed_successfully' },
        'kafka-topics': { condition: 'service_completed_successfully' },
      });
    }
    for (const name of ['kafka', 'schema-registry', 'postgres', 'user-service', 'profile-service']) {
      expect(services[name]?.healthcheck, `${name} has a health check`).toBeDefined();
    }
  });
});

describe('docker-compose.cluster.yml over docker-compose.yml', () => {
  const { services } = mergeCompose(load(composeFile), load(clusterFile)) as Compose;
  const nodes = ['kafka', 'kafka-2', 'kafka-3'].map((name) => ({
    name,
    env: services[name]?.environment ?? {},
  }));
  const brokers = 'kafka:29092,kafka-2:29092,kafka-3:29092';

  it('runs three KRaft nodes that all vote in one quorum of one cluster', () => {
    expect(nodes.map(({ env }) => env.KAFKA_NODE_ID)).toEqual([1, 2, 3]);
    for (const { name, env } of nodes) {
      expect(env.KAFKA_CONTROLLER_QUORUM_VOTERS, name).toBe('1@kafka:9093,2@kafka-2:9093,3@kafka-3:9093');
      expect(env.KAFKA_PROCESS_ROLES, name).toBe('broker,controller');
      expect(env.CLUSTER_ID, name).toBe(nodes[0]?.env.CLUSTER_ID);
      expect(services[name]?.healthcheck, `${name} has a health check`).toBeDefined();
    }
  });

  it('replicates every topic three times and acknowledges acks=all writes on two replicas', () => {
    for (const { name, env } of nodes) {
      expect(env, name).toMatchObject({
        KAFKA_DEFAULT_REPLICATION_FACTOR: 3,
        KAFKA_MIN_INSYNC_REPLICAS: 2,
        KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: 3,
        KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: 2,
      });
    }
    const createTopics = services['kafka-topics']?.command?.join(' ') ?? '';
    expect(createTopics).toContain(`--bootstrap-server ${brokers}`);
    expect(createTopics).toContain('--replication-factor 3 --config min.insync.replicas=2');
    expect(
      services['schema-registry']?.environment?.SCHEMA_REGISTRY_KAFKASTORE_TOPIC_REPLICATION_FACTOR,
    ).toBe(3);
  });

  it('gives the services every broker and still starts them after the topics and schemas', () => {
    for (const name of ['user-service', 'profile-service']) {
      expect(services[name]?.environment?.KAFKA_BROKERS, name).toBe(brokers);
      expect(services[name]?.depends_on, name).toMatchObject({
        'kafka-topics': { condition: 'service_completed_successfully' },
        'schemas-register': { condition: 'service_completed_successfully' },
      });
    }
    for (const name of ['kafka-topics', 'schema-registry']) {
      expect(services[name]?.depends_on, name).toMatchObject({
        kafka: { condition: 'service_healthy' },
        'kafka-2': { condition: 'service_healthy' },
        'kafka-3': { condition: 'service_healthy' },
      });
    }
  });
});
