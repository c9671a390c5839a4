import type { ContractManifest } from './contract-manifest.ts';

export interface ManifestSource {
  /** The manifest with every schema id learnt so far. */
  current(): ContractManifest;
  /** Asks for the ids still unknown (a registry that was down at start, a schema registered since). */
  refresh(): Promise<ContractManifest>;
}

export interface ManifestSourceInput {
  manifest: ContractManifest;
  /** resolveSchemaIds bound to the service's topic map and registry client. */
  resolveIds: (manifest: ContractManifest) => Promise<ContractManifest>;
}

/** A service's manifest, its schema ids filled in as the registry answers; never throws. */
export function createManifestSource({ manifest, resolveIds }: ManifestSourceInput): ManifestSource {
  let current = manifest;
  return {
    current: () => current,
    async refresh() {
      if (!hasUnknownIds(current)) return current;
      current = await resolveIds(current).catch(() => current);
      return current;
    },
  };
}

function hasUnknownIds(manifest: ContractManifest): boolean {
  const schemas = [
    ...manifest.produces.flatMap((topic) => [...Object.values(topic.writers), ...keySchema(topic.key)]),
    ...manifest.consumes.flatMap((topic) => [
      ...Object.values(topic.events).map((event) => event.reader),
      ...keySchema(topic.key),
    ]),
  ];
  return schemas.some((schema) => schema.schemaId === null);
}

function keySchema(key: ContractManifest['produces'][number]['key']) {
  return key.encoding === 'avro' ? [key.schema] : [];
}
