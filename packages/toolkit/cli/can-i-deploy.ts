#!/usr/bin/env node
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { candidateManifestOf } from '../src/can-i-deploy/candidate-manifest.ts';
import { formatGithub, formatHuman } from '../src/can-i-deploy/format-verdict.ts';
import { runCanIDeploy } from '../src/can-i-deploy/run-can-i-deploy.ts';
import { DEPLOYMENT_TTL_MS } from '../src/contract-surface/deployment-record.ts';
import { EnvironmentUnreachableError, environmentFrom, kafkaOf } from '../src/deployments/environment.ts';
import { ManifestError, readManifestFile } from '../src/deployments/parse-manifest.ts';
import { exitOnHelp, failWith, helpFlag } from './cli-support.ts';

const usage = `Usage: events-can-i-deploy (--service NAME | --manifest FILE) [--schemas DIR]
                           [--brokers HOST:PORT,...] [--registry URL] [--format human|json|github]

Says whether a candidate can join the environment's running fleet without breaking anyone:
- what it writes, every deployed consumer reads (Avro schema resolution) and handles or ignores by event type;
- what it reads, it can read from every deployed producer and from every version the registry holds of the
  topic's subjects (those events may still be in the topic);
- its own older version counts as deployed while the rolling deploy runs.
The candidate is a service of this repository (--service: its workspace's "contract-manifest" script prints
the manifest its working tree builds) or a manifest file. Deployments are read from the compacted topic the
services record themselves in (instances unseen for ${DEPLOYMENT_TTL_MS / 1000} s no longer count). KAFKA_BROKERS and
SCHEMA_REGISTRY_URL are read like the services read them. Records, registers and creates nothing.
Exits 0 yes, 1 no, 2 when it cannot answer (environment unreachable, bad manifest or usage).`;

const formats = ['human', 'json', 'github'];
const { values } = parseArgs({
  options: {
    ...helpFlag,
    service: { type: 'string' },
    manifest: { type: 'string' },
    schemas: { type: 'string', default: 'schemas' },
    brokers: { type: 'string' },
    registry: { type: 'string' },
    format: { type: 'string', default: 'human' },
  },
});
exitOnHelp(values.help, usage);
if (!formats.includes(values.format)) failWith(`Unknown --format "${values.format}".\n\n${usage}`, 2);
if ((values.service === undefined) === (values.manifest === undefined))
  failWith(`Give exactly one of --service and --manifest.\n\n${usage}`, 2);

// npm runs workspace scripts inside the workspace; paths read best from where the user typed the command.
const cwd = process.env.INIT_CWD ?? process.cwd();
const environment = environmentFrom(process.env, { brokers: values.brokers, registry: values.registry });
try {
  const candidate =
    values.manifest !== undefined
      ? await readManifestFile(resolve(cwd, values.manifest))
      : candidateManifestOf(process.env.npm_config_local_prefix ?? cwd, values.service as string);
  const verdict = await runCanIDeploy({
    candidate,
    kafka: kafkaOf(environment, 'events-can-i-deploy'),
    deploymentsTopic: environment.deploymentsTopic,
    registry: {
      url: environment.registryUrl,
      ...(process.env.SCHEMA_REGISTRY_USERNAME && { username: process.env.SCHEMA_REGISTRY_USERNAME }),
      ...(process.env.SCHEMA_REGISTRY_PASSWORD && { password: process.env.SCHEMA_REGISTRY_PASSWORD }),
    },
    schemasDir: resolve(values.schemas),
  });
  if (values.format === 'json') process.stdout.write(`${JSON.stringify(verdict, null, 2)}\n`);
  else if (values.format === 'github')
    process.stdout.write(formatGithub(verdict, process.env.GITHUB_WORKSPACE ?? cwd));
  else process.stdout.write(formatHuman(verdict, cwd));
  process.exitCode = verdict.ok ? 0 : 1;
} catch (error) {
  if (error instanceof ManifestError) failWith(error.message, 2);
  if (error instanceof EnvironmentUnreachableError)
    failWith(
      `The environment cannot answer (${environment.brokers.join(',')}, ${environment.registryUrl}): ${error.message}`,
      2,
    );
  throw error;
}
