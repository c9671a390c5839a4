import { existsSync } from 'node:fs';
import type { Kafka } from 'kafkajs';
import { loadCatalog } from '../catalog/load-catalog.ts';
import type { ContractManifest } from '../contract-surface/contract-manifest.ts';
import { DEPLOYMENT_TTL_MS } from '../contract-surface/deployment-record.ts';
import { type DeployedVersion, fleetOf } from '../deployments/deployed-fleet.ts';
import { EnvironmentUnreachableError } from '../deployments/environment.ts';
import { readDeploymentRecords } from '../deployments/read-deployment-records.ts';
import type { RegistryOptions } from '../registry/registry-options.ts';
import { type Counterpart, judgeCandidate } from './judge-candidate.ts';
import { locateCandidateSchema } from './locate-candidate-schema.ts';
import { registeredWriters, unregisteredSchemas } from './registered-writers.ts';
import type { Verdict } from './verdict.ts';

export interface CanIDeployInput {
  candidate: ContractManifest;
  kafka: Kafka;
  deploymentsTopic: string;
  registry: RegistryOptions;
  /** The catalog folder the candidate was built from: refusals point into its `.avsc` files. */
  schemasDir?: string | undefined;
  now?: number;
}

/**
 * Gathers what the environment runs and holds (read only: it records, registers and creates nothing), then judges
 * the candidate. EnvironmentUnreachableError when Kafka or the registry cannot answer.
 */
export async function runCanIDeploy({
  candidate,
  kafka,
  deploymentsTopic,
  registry,
  schemasDir,
  now = Date.now(),
}: CanIDeployInput): Promise<Verdict> {
  const notes: string[] = [];
  const existingTopics = await listTopics(kafka);
  const { records, unreadable } = await readDeploymentRecords(kafka, deploymentsTopic);
  for (const { key } of unreadable)
    notes.push(`${deploymentsTopic} holds an unreadable record under ${key}: ignored`);
  const fleet = fleetOf(records.values(), now, DEPLOYMENT_TTL_MS);
  if (fleet.running.length === 0)
    notes.push(
      `no deployments recorded in ${deploymentsTopic}: checked against the registry's versions only`,
    );
  const deployed = fleet.running.map((version) => counterpartOf(version, candidate));
  const manifests = [candidate, ...deployed.map((counterpart) => counterpart.manifest)];
  const registered = await registeredWriters(
    registry,
    candidate.consumes.map((topic) => topic.topic),
    manifests,
  );
  for (const schema of await unregisteredSchemas(registry, candidate))
    notes.push(
      `${schema.subject} v${schema.version} is not registered yet: checked offline from the manifest; register it before the deploy (events-schemas-register)`,
    );

  const { checks, refusals } = judgeCandidate({ candidate, deployed, existingTopics, registered });
  const catalog = schemasDir && existsSync(schemasDir) ? catalogIn(schemasDir) : undefined;
  if (schemasDir && !catalog)
    notes.push(`no catalog could be read in ${schemasDir}: refusals carry no file positions`);
  const located = refusals.map((refusal) => {
    const location =
      catalog && refusal.candidateSchema
        ? locateCandidateSchema(catalog, refusal.candidateSchema, refusal.path)
        : undefined;
    return location ? { ...refusal, location } : refusal;
  });
  const { name: service, version, commit } = candidate.service;
  return {
    candidate: { service, version, commit },
    ok: located.length === 0,
    checks,
    refusals: located,
    notes,
  };
}

function counterpartOf(deployed: DeployedVersion, candidate: ContractManifest): Counterpart {
  const instances = `${deployed.instances.length} instance${deployed.instances.length === 1 ? '' : 's'}`;
  const own =
    deployed.service === candidate.service.name ? ', still running while the candidate rolls out' : '';
  return {
    label: `${deployed.service} ${deployed.version} (${instances}${own})`,
    manifest: deployed.manifest,
  };
}

// Positions are a help, not a verdict: an unreadable catalog leaves them out (schemas:check reports why).
function catalogIn(dir: string) {
  try {
    return loadCatalog(dir);
  } catch {
    return undefined;
  }
}

async function listTopics(kafka: Kafka): Promise<Set<string>> {
  const admin = kafka.admin();
  try {
    await admin.connect();
    return new Set(await admin.listTopics());
  } catch (error) {
    throw new EnvironmentUnreachableError(`cannot reach Kafka: ${(error as Error).message}`, {
      cause: error,
    });
  } finally {
    await admin.disconnect().catch(() => {});
  }
}
