import type { ContractManifest } from '../contract-surface/contract-manifest.ts';
import type { DeploymentRecord, InstanceIdentity } from '../contract-surface/deployment-record.ts';

export interface DeployedInstance extends InstanceIdentity {
  lastSeen: string;
}

/** One version of one service, as its running instances recorded it. */
export interface DeployedVersion {
  service: string;
  version: string;
  commit: string | null;
  /** The manifest of its most recently seen instance. */
  manifest: ContractManifest;
  instances: DeployedInstance[];
  lastSeen: string;
}

export interface Fleet {
  /** Versions with at least one instance seen within the TTL: these count as deployed. */
  running: DeployedVersion[];
  /** Versions whose every instance stopped refreshing without a tombstone (killed): they no longer count. */
  expired: DeployedVersion[];
}

/** Groups instance records into versions; an instance counts while its lastSeen is younger than ttlMs. */
export function fleetOf(records: Iterable<DeploymentRecord>, now: number, ttlMs: number): Fleet {
  const live = new Map<string, DeployedVersion>();
  const stale = new Map<string, DeployedVersion>();
  for (const record of records) {
    const fresh = now - Date.parse(record.lastSeen) <= ttlMs;
    add(fresh ? live : stale, record);
  }
  const sorted = (versions: Map<string, DeployedVersion>) =>
    [...versions.values()].sort(
      (a, b) =>
        a.service.localeCompare(b.service) || a.version.localeCompare(b.version, 'en', { numeric: true }),
    );
  return { running: sorted(live), expired: sorted(stale).filter((version) => !live.has(keyOf(version))) };
}

function keyOf({
  service,
  version,
  commit,
}: Pick<DeployedVersion, 'service' | 'version' | 'commit'>): string {
  return `${service}@${version}@${commit ?? ''}`;
}

function add(versions: Map<string, DeployedVersion>, record: DeploymentRecord): void {
  const { name: service, version, commit } = record.manifest.service;
  const key = keyOf({ service, version, commit });
  const instance: DeployedInstance = { ...record.instance, lastSeen: record.lastSeen };
  const known = versions.get(key);
  if (!known) {
    versions.set(key, {
      service,
      version,
      commit,
      manifest: record.manifest,
      instances: [instance],
      lastSeen: record.lastSeen,
    });
    return;
  }
  known.instances.push(instance);
  if (record.lastSeen > known.lastSeen) {
    known.lastSeen = record.lastSeen;
    known.manifest = record.manifest;
  }
}
