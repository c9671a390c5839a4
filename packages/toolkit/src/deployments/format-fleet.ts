import type { ContractManifest, SchemaSurface } from '../contract-surface/contract-manifest.ts';
import type { DeployedVersion, Fleet } from './deployed-fleet.ts';
import { renderTable } from './render-table.ts';

/** `events-deployments list`: one row per deployed version. */
export function formatFleet(fleet: Fleet, now: number): string {
  if (fleet.running.length === 0 && fleet.expired.length === 0) return 'No deployments recorded.\n';
  const rows = [
    ...fleet.running.map((version) => row(version, now, 'running')),
    ...fleet.expired.map((version) => row(version, now, 'expired')),
  ];
  return renderTable(
    ['service', 'version', 'commit', 'state', 'instances', 'last seen', 'writes', 'reads'],
    rows,
  );
}

function row(version: DeployedVersion, now: number, state: string): string[] {
  return [
    version.service,
    version.version,
    version.commit?.slice(0, 10) ?? '-',
    state,
    String(version.instances.length),
    `${Math.round((now - Date.parse(version.lastSeen)) / 1000)} s ago`,
    writes(version.manifest),
    reads(version.manifest),
  ];
}

function writes(manifest: ContractManifest): string {
  return (
    manifest.produces
      .map((topic) => `${topic.topic} (${schemas(Object.values(topic.writers))})`)
      .join('; ') || '-'
  );
}

function reads(manifest: ContractManifest): string {
  return (
    manifest.consumes
      .map((topic) => `${topic.topic} (${schemas(Object.values(topic.events).map((event) => event.reader))})`)
      .join('; ') || '-'
  );
}

/** `user_register-value v2 #1`, each subject version once (a union topic's event types share theirs). */
function schemas(surfaces: SchemaSurface[]): string {
  const named = surfaces.map(
    (surface) =>
      `${surface.subject} v${surface.version}${surface.schemaId === null ? '' : ` #${surface.schemaId}`}`,
  );
  return [...new Set(named)].join(', ');
}
