import type avsc from 'avsc';
import type { ContractManifest } from '../contract-surface/contract-manifest.ts';
import { EnvironmentUnreachableError } from '../deployments/environment.ts';
import { isContractError } from '../errors.ts';
import { createRegistryHttp } from '../registry/registry-http.ts';
import type { RegistryOptions } from '../registry/registry-options.ts';
import { fetchWriterType } from '../registry/writer-type.ts';
import type { RegisteredWriter } from './judge-candidate.ts';

/**
 * "May still be in the topic": every version the registry holds of the subjects a topic's events and keys are
 * written with. The registry never forgets a version, while a topic keeps events as long as its retention (or
 * forever, compacted) and a dead-letter replay writes old bytes again; which ids a topic really holds would take
 * reading it whole. So a reader must read them all.
 */
export async function registeredWriters(
  registry: RegistryOptions,
  topics: readonly string[],
  manifests: readonly ContractManifest[],
): Promise<Map<string, RegisteredWriter[]>> {
  const http = createRegistryHttp(registry);
  const byTopic = new Map<string, RegisteredWriter[]>();
  try {
    for (const topic of topics) {
      const writers: RegisteredWriter[] = [];
      for (const { subject, isKey } of subjectsOf(topic, manifests)) {
        for (const { version, id } of await versionsOf(http, subject)) {
          const type = await fetchWriterType(http, id);
          const label = `registry ${subject} v${version}`;
          if (isKey) writers.push({ label, eventType: 'key', schema: exported(type) });
          else for (const event of eventTypesOf(type)) writers.push({ label, ...event });
        }
      }
      byTopic.set(topic, writers);
    }
  } catch (error) {
    if (isContractError(error, 'REGISTRY_UNAVAILABLE'))
      throw new EnvironmentUnreachableError(error.message, { cause: error });
    throw error;
  }
  return byTopic;
}

/** The value (or event) and key subjects any manifest names for the topic. */
function subjectsOf(topic: string, manifests: readonly ContractManifest[]) {
  const subjects = new Map<string, boolean>();
  for (const manifest of manifests) {
    for (const surface of [...manifest.produces, ...manifest.consumes].filter(
      (each) => each.topic === topic,
    )) {
      const schemas =
        'writers' in surface
          ? Object.values(surface.writers)
          : Object.values(surface.events).map((event) => event.reader);
      for (const schema of schemas) subjects.set(schema.subject, false);
      if (surface.key.encoding === 'avro') subjects.set(surface.key.schema.subject, true);
    }
  }
  return [...subjects].map(([subject, isKey]) => ({ subject, isKey }));
}

async function versionsOf(
  http: ReturnType<typeof createRegistryHttp>,
  subject: string,
): Promise<{ version: number; id: number }[]> {
  const path = `/subjects/${encodeURIComponent(subject)}/versions`;
  const listed = await http.call('GET', path);
  if (listed.status === 404) return [];
  if (listed.status !== 200) throw http.rejected('GET', path, listed.status, listed.data);
  const found: { version: number; id: number }[] = [];
  for (const version of listed.data as number[]) {
    const versionPath = `${path}/${version}`;
    const { status, data } = await http.call('GET', versionPath);
    if (status !== 200) throw http.rejected('GET', versionPath, status, data);
    found.push({ version, id: (data as { id: number }).id });
  }
  return found;
}

/** A union subject holds one event type per branch; a record subject one. */
function eventTypesOf(type: avsc.Type): { eventType: string; schema: unknown }[] {
  const branches = (type as { types?: avsc.Type[] }).types ?? [type];
  return branches
    .filter((branch) => branch.name !== undefined)
    .map((branch) => ({ eventType: branch.name as string, schema: exported(branch) }));
}

// The writer's side of resolution reads names, types, symbols, sizes and logical types, which avsc's export keeps.
function exported(type: avsc.Type): unknown {
  return type.schema({ exportAttrs: true });
}

/** The candidate's schemas whose subject version the registry does not hold yet. */
export async function unregisteredSchemas(
  registry: RegistryOptions,
  candidate: ContractManifest,
): Promise<{ subject: string; version: number }[]> {
  const http = createRegistryHttp(registry);
  const schemas = new Map<string, { subject: string; version: number }>();
  for (const surface of [...candidate.produces, ...candidate.consumes]) {
    const values =
      'writers' in surface
        ? Object.values(surface.writers)
        : Object.values(surface.events).map((event) => event.reader);
    const keys = surface.key.encoding === 'avro' ? [surface.key.schema] : [];
    for (const { subject, version } of [...values, ...keys])
      schemas.set(`${subject}@${version}`, { subject, version });
  }
  const missing: { subject: string; version: number }[] = [];
  try {
    for (const schema of schemas.values()) {
      const path = `/subjects/${encodeURIComponent(schema.subject)}/versions/${schema.version}`;
      const { status, data } = await http.call('GET', path);
      if (status === 404) missing.push(schema);
      else if (status !== 200) throw http.rejected('GET', path, status, data);
    }
  } catch (error) {
    if (isContractError(error, 'REGISTRY_UNAVAILABLE'))
      throw new EnvironmentUnreachableError(error.message, { cause: error });
    throw error;
  }
  return missing;
}
