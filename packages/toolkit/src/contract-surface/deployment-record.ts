import type { ContractManifest } from './contract-manifest.ts';

/** The compacted topic deployments are recorded in, unless an environment names another. */
export const DEPLOYMENTS_TOPIC = '_contract-deployments';
export const DEPLOYMENT_RECORD_FORMAT = 'events-toolkit/deployment-record/v1';
/** How often a running instance refreshes its record. */
export const DEPLOYMENT_REFRESH_MS = 30_000;
/**
 * A record not refreshed for this long no longer counts as deployed (an instance killed without its tombstone):
 * four missed refreshes, so a broker hiccup does not make a live version vanish.
 */
export const DEPLOYMENT_TTL_MS = 120_000;

export interface InstanceIdentity {
  id: string;
  host: string;
  pid: number;
  startedAt: string;
}

/** The value of one instance's record; its key is deploymentKeyOf(service, instance id). */
export interface DeploymentRecord {
  format: typeof DEPLOYMENT_RECORD_FORMAT;
  manifest: ContractManifest;
  instance: InstanceIdentity;
  /** ISO time of the latest refresh. */
  lastSeen: string;
}

/** One key per instance: compaction keeps its latest record, and its tombstone removes it. */
export function deploymentKeyOf(service: string, instanceId: string): string {
  return `${service}/${instanceId}`;
}
