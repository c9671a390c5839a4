#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { DEPLOYMENT_TTL_MS } from '../src/contract-surface/deployment-record.ts';
import { fleetOf } from '../src/deployments/deployed-fleet.ts';
import { EnvironmentUnreachableError, environmentFrom, kafkaOf } from '../src/deployments/environment.ts';
import { formatFleet } from '../src/deployments/format-fleet.ts';
import { readDeploymentRecords } from '../src/deployments/read-deployment-records.ts';
import { retireVersion } from '../src/deployments/retire-version.ts';
import { exitOnHelp, failWith, helpFlag } from './cli-support.ts';

const usage = `Usage: events-deployments list [--format table|json] [--brokers HOST:PORT,...]
       events-deployments retire --service NAME [--version VERSION] [--brokers HOST:PORT,...]

list: what the environment runs, from the compacted topic the services record themselves in
(CONTRACT_DEPLOYMENTS_TOPIC, default _contract-deployments): service, version, commit, instances, last seen,
the topics each writes and reads with their schema versions. An instance stops counting on its graceful
shutdown (tombstone), or ${DEPLOYMENT_TTL_MS / 1000} s after its last refresh (killed), or when retired.
retire: writes tombstones for every recorded instance of a service (of one version with --version).
KAFKA_BROKERS is read like the services read it (default 127.0.0.1:9092). Exits 2 when Kafka cannot be reached.`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    ...helpFlag,
    format: { type: 'string', default: 'table' },
    brokers: { type: 'string' },
    service: { type: 'string' },
    version: { type: 'string' },
  },
});
exitOnHelp(values.help, usage);
const [command] = positionals;
if (command !== 'list' && command !== 'retire') failWith(usage, 2);
if (!['table', 'json'].includes(values.format))
  failWith(`Unknown --format "${values.format}".\n\n${usage}`, 2);
if (command === 'retire' && values.service === undefined) failWith(`retire needs --service.\n\n${usage}`, 2);

const environment = environmentFrom(process.env, { brokers: values.brokers });
const kafka = kafkaOf(environment, 'events-deployments');
try {
  const { records, unreadable } = await readDeploymentRecords(kafka, environment.deploymentsTopic);
  for (const { key, problems } of unreadable)
    console.error(`ignored ${key}: not a deployment record (${problems.join('; ')})`);
  if (command === 'retire') {
    const retired = await retireVersion(kafka, environment.deploymentsTopic, records, {
      service: values.service as string,
      version: values.version,
    });
    console.log(retired.length === 0 ? 'Nothing recorded to retire.' : `Retired ${retired.join(', ')}.`);
  } else {
    const now = Date.now();
    const fleet = fleetOf(records.values(), now, DEPLOYMENT_TTL_MS);
    process.stdout.write(
      values.format === 'json' ? `${JSON.stringify(fleet, null, 2)}\n` : formatFleet(fleet, now),
    );
  }
} catch (error) {
  if (error instanceof EnvironmentUnreachableError) failWith(error.message, 2);
  throw error;
}
