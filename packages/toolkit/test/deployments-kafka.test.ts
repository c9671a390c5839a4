import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { waitFor } from '@events/test-kit/polling';
import { scratchDir } from '@events/test-kit/scratch-dir';
import { scratchTopic } from '@events/test-kit/scratch-topics';
import { scratchProducer, testKafka } from '@events/test-kit/test-kafka';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCanIDeploy } from '../src/can-i-deploy/run-can-i-deploy.ts';
import { loadCatalog } from '../src/catalog/load-catalog.ts';
import type { ContractManifest } from '../src/contract-surface/contract-manifest.ts';
import {
  DEPLOYMENT_RECORD_FORMAT,
  DEPLOYMENT_TTL_MS,
  type DeploymentRecord,
  deploymentKeyOf,
} from '../src/contract-surface/deployment-record.ts';
import { describeContractSurface } from '../src/contract-surface/describe-contract-surface.ts';
import { createDeploymentRecorder } from '../src/contract-surface/record-deployment.ts';
import { fleetOf } from '../src/deployments/deployed-fleet.ts';
import { readDeploymentRecords } from '../src/deployments/read-deployment-records.ts';
import { retireVersion } from '../src/deployments/retire-version.ts';
import { createEventRouter, IGNORE } from '../src/handlers.ts';
import { registerCatalog } from '../src/registry/register-catalog.ts';
import { topics } from './generated/shop-catalog/index.ts';
import { brokers, fixturesDir, registryUrl, rest } from './helpers.ts';
import { assertRegistryReachable } from './registry-helpers.ts';

const noop = async () => {};
const silent = { info: () => {}, warn: () => {} };
const compacted = { prefix: 'contract-deployments', configs: { 'cleanup.policy': 'compact' } };

const billingService: ContractManifest = describeContractSurface({
  service: { name: 'billing-service', version: '2.0.0', commit: null },
  topics,
  produces: [],
  consumes: [
    createEventRouter(topics, 'orders', {
      'shop.orders.OrderPlaced': noop,
      'shop.orders.OrderPaid': noop,
      'shop.orders.OrderCancelled': IGNORE,
    }),
  ],
});

function orderService(): ContractManifest {
  return describeContractSurface({
    service: { name: 'order-service', version: '1.1.0', commit: null },
    topics,
    produces: ['orders'],
    consumes: [
      createEventRouter(topics, 'customers', {
        'shop.customers.CustomerRegistered': noop,
        'shop.customers.CustomerAddressChanged': IGNORE,
      }),
    ],
  });
}

function recordOf(manifest: ContractManifest, lastSeen: Date): DeploymentRecord {
  return {
    format: DEPLOYMENT_RECORD_FORMAT,
    manifest,
    instance: { id: randomBytes(4).toString('hex'), host: 'test', pid: 1, startedAt: lastSeen.toISOString() },
    lastSeen: lastSeen.toISOString(),
  };
}

async function publish(topic: string, ...records: DeploymentRecord[]): Promise<void> {
  const producer = await scratchProducer();
  await producer.send({
    topic,
    acks: -1,
    messages: records.map((record) => ({
      key: deploymentKeyOf(record.manifest.service.name, record.instance.id),
      value: JSON.stringify(record),
    })),
  });
}

describe('the deployment record in Kafka', () => {
  it('records a running instance, and its tombstone on stop removes it', async () => {
    const topic = await scratchTopic(compacted);
    const recorder = createDeploymentRecorder({
      manifest: async () => billingService,
      producer: testKafka.producer({ allowAutoTopicCreation: false }),
      admin: testKafka.admin(),
      logger: silent,
      topic,
    });
    recorder.start();
    const { records } = await waitFor('the record', async () => {
      const read = await readDeploymentRecords(testKafka, topic);
      return read.records.size > 0 && read;
    });
    expect([...records.values()]).toEqual([
      expect.objectContaining({ manifest: billingService, instance: recorder.instance }),
    ]);

    await recorder.stop();
    expect((await readDeploymentRecords(testKafka, topic)).records.size).toBe(0);
  });

  it('stops counting a version killed without its tombstone once its lastSeen is older than the TTL; retire removes it at once', async () => {
    const topic = await scratchTopic(compacted);
    const now = Date.now();
    await publish(
      topic,
      recordOf(billingService, new Date(now - DEPLOYMENT_TTL_MS - 1_000)),
      recordOf(orderService(), new Date(now)),
    );
    const { records } = await readDeploymentRecords(testKafka, topic);
    const fleet = fleetOf(records.values(), now, DEPLOYMENT_TTL_MS);
    expect(fleet.running.map((version) => version.service)).toEqual(['order-service']);
    expect(fleet.expired.map((version) => version.service)).toEqual(['billing-service']);

    expect(
      await retireVersion(testKafka, topic, records, { service: 'order-service', version: '1.1.0' }),
    ).toHaveLength(1);
    const after = await readDeploymentRecords(testKafka, topic);
    expect([...after.records.values()].map((record) => record.manifest.service.name)).toEqual([
      'billing-service',
    ]);
  });

  it('reads a missing deployments topic as nothing recorded', async () => {
    const read = await readDeploymentRecords(
      testKafka,
      `absent-deployments-${randomBytes(4).toString('hex')}`,
    );
    expect(read.records.size).toBe(0);
  });
});

describe('can-i-deploy against the real Kafka and registry', () => {
  beforeAll(async () => {
    await assertRegistryReachable();
    // Fixed subject names: registering the fixture is idempotent, so parallel runs agree.
    await registerCatalog(loadCatalog(join(fixturesDir, 'shop-catalog')), rest, { dryRun: false });
  });

  it('refuses a writer a recorded consumer cannot read, at the field in the candidate .avsc, and reads every registered version of a union topic with references', async () => {
    const topic = await scratchTopic(compacted);
    await publish(topic, recordOf(billingService, new Date()));
    const candidate = orderService();
    const paid = candidate.produces[0]?.writers['shop.orders.OrderPaid'];
    if (paid) {
      const record = paid.schema as { fields: { name: string }[] };
      paid.schema = { ...record, fields: record.fields.filter((field) => field.name !== 'paidAt') };
    }
    const verdict = await runCanIDeploy({
      candidate,
      kafka: testKafka,
      deploymentsTopic: topic,
      registry: { url: registryUrl },
      schemasDir: join(fixturesDir, 'shop-catalog'),
    });
    expect(verdict.ok).toBe(false);
    const unreadable = verdict.refusals.find((refusal) => refusal.rule === 'reader-cannot-read');
    expect(unreadable).toMatchObject({
      topic: 'orders',
      against: 'billing-service 2.0.0 (1 instance)',
      eventType: 'shop.orders.OrderPaid',
      path: 'paidAt',
      location: {
        file: expect.stringMatching(/orders-shop\.orders\.OrderPaid\/v1\.avsc$/),
        line: expect.any(Number),
      },
    });
    // The fixture's topics are not created on the stack: a deploy would fail on them.
    expect(
      verdict.refusals.filter((refusal) => refusal.rule === 'unknown-topic').map((refusal) => refusal.topic),
    ).toEqual(['orders', 'customers']);
    expect(verdict.checks).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          against: 'registry customers-value v1',
          subjectOf: 'shop.customers.CustomerRegistered',
          outcome: 'ok',
        }),
        expect.objectContaining({
          against: 'registry customers-value v2',
          subjectOf: 'shop.customers.CustomerAddressChanged',
          outcome: 'ignored',
        }),
      ]),
    );
  });

  it('records nothing itself, and says so when nothing is recorded', async () => {
    const absent = `absent-deployments-${randomBytes(4).toString('hex')}`;
    const verdict = await runCanIDeploy({
      candidate: orderService(),
      kafka: testKafka,
      deploymentsTopic: absent,
      registry: { url: registryUrl },
    });
    expect(verdict.notes).toContain(
      `no deployments recorded in ${absent}: checked against the registry's versions only`,
    );
    const admin = testKafka.admin();
    await admin.connect();
    try {
      expect(await admin.listTopics()).not.toContain(absent);
    } finally {
      await admin.disconnect();
    }
  });
});

describe('the events-can-i-deploy command', () => {
  const bin = join(import.meta.dirname, '..', 'bin', 'events-can-i-deploy.js');
  const run = async (args: string[]) =>
    promisify(execFile)(process.execPath, [bin, ...args], {
      env: { ...process.env, KAFKA_BROKERS: brokers.join(',') },
    }).then(
      ({ stdout }) => ({ code: 0, stdout, stderr: '' }),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );

  it('exits 2 with a clear message for a manifest that does not parse or is not one', async () => {
    const dir = scratchDir('can-i-deploy-');
    writeFileSync(join(dir, 'broken.json'), '{ "format": ');
    writeFileSync(join(dir, 'other.json'), JSON.stringify({ format: 'something-else/v9' }));
    const broken = await run(['--manifest', join(dir, 'broken.json')]);
    expect(broken).toMatchObject({ code: 2, stderr: expect.stringContaining('not JSON') });
    const other = await run(['--manifest', join(dir, 'other.json')]);
    expect(other).toMatchObject({ code: 2, stderr: expect.stringContaining('is not a contract manifest') });
  });

  it('exits 2 when the registry or Kafka cannot be reached', async () => {
    const dir = scratchDir('can-i-deploy-');
    writeFileSync(join(dir, 'order-service.json'), JSON.stringify(orderService()));
    const manifest = join(dir, 'order-service.json');
    expect(
      await run(['--manifest', manifest, '--registry', 'http://127.0.0.1:9/apis/ccompat/v7']),
    ).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('cannot reach the schema registry'),
    });
    expect(await run(['--manifest', manifest, '--brokers', '127.0.0.1:9'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('cannot reach Kafka'),
    });
  }, 60_000);
});
