import type { Catalog, SchemaVersion, SubjectEntry } from '../catalog/catalog.ts';
import type { CompatibilityLevel } from '../compatibility-level.ts';
import type { RegistryRest } from './registry-rest.ts';

/** `planned`: from the catalog alone, the registry not asked (what a registry without these subjects would get). */
export type RegistrationStatus = 'registered' | 'unchanged' | 'would register' | 'superseded' | 'planned';

export interface RegistrationRow {
  subject: string;
  /** The local file, e.g. v2.avsc. */
  file: string;
  /** `subject@version` of each schema this one references (registered before it). */
  references: string[];
  /** The registry's version number, when registered. */
  version: number | undefined;
  id: number | undefined;
  level: CompatibilityLevel;
  /** The subject's level before this run, when it differed (undefined = it followed the global default). */
  previousLevel: CompatibilityLevel | 'global default' | undefined;
  status: RegistrationStatus;
}

/** What registration needs of the registry: the toolkit's RegistryClient, or a test's own. */
export type CatalogRegistry = Pick<
  RegistryRest,
  'getCompatibility' | 'setCompatibility' | 'lookup' | 'register'
>;

/**
 * Registers a loaded (and so already validated) catalog, subjects in dependency order: referenced subjects first.
 * Sets each subject's compatibility level, then registers the versions the registry lacks, oldest first, each
 * with its references, so a fresh registry ends up with the same history as the catalog. Versions older than the
 * newest one the registry already holds are reported `superseded`, never appended after it (that would make an
 * old schema "latest"). Stops at the first refusal, throwing the registry's reason. A dry run only reads.
 */
export async function registerCatalog(
  catalog: Pick<Catalog, 'subjects'>,
  registry: CatalogRegistry,
  options: { dryRun: boolean },
): Promise<RegistrationRow[]> {
  const rows: RegistrationRow[] = [];
  // Dry run: versions not in the registry yet; a schema referencing one cannot be there either (and Confluent
  // refuses to look it up).
  const missing = new Set<string>();
  for (const entry of catalog.subjects) {
    const current = await registry.getCompatibility(entry.subject);
    const levelChanged = current !== entry.compatibility;
    if (levelChanged && !options.dryRun) await registry.setCompatibility(entry.subject, entry.compatibility);
    const previousLevel: RegistrationRow['previousLevel'] = levelChanged
      ? (current ?? 'global default')
      : undefined;

    const found = await Promise.all(
      entry.versions.map((v) =>
        v.references.some((ref) => missing.has(`${ref.subject}@${ref.version}`))
          ? undefined
          : registry.lookup(entry.subject, v.schema, v.references),
      ),
    );
    const newestKnown = found.findLastIndex((registered) => registered !== undefined);
    for (const [index, schemaVersion] of entry.versions.entries()) {
      const base = { ...rowBase(entry, schemaVersion), previousLevel };
      const registered = found[index];
      if (registered) {
        rows.push({ ...base, version: registered.version, id: registered.id, status: 'unchanged' });
      } else if (index < newestKnown) {
        rows.push({ ...base, version: undefined, id: undefined, status: 'superseded' });
      } else if (options.dryRun) {
        missing.add(`${entry.subject}@${schemaVersion.version}`);
        rows.push({ ...base, version: undefined, id: undefined, status: 'would register' });
      } else {
        const { schema, references: refs } = schemaVersion;
        const { id } = await registry.register(entry.subject, schema, refs);
        const version = (await registry.lookup(entry.subject, schema, refs))?.version;
        rows.push({ ...base, version, id, status: 'registered' });
      }
    }
  }
  return rows;
}

/**
 * The registration plan from the catalog alone, without a registry: every version of every subject in the order
 * registration goes (referenced subjects first, oldest version first), with its references and level.
 */
export function planCatalog(catalog: Pick<Catalog, 'subjects'>): RegistrationRow[] {
  return catalog.subjects.flatMap((entry) =>
    entry.versions.map((schemaVersion) => ({
      ...rowBase(entry, schemaVersion),
      previousLevel: undefined,
      version: undefined,
      id: undefined,
      status: 'planned' as const,
    })),
  );
}

function rowBase(entry: SubjectEntry, schemaVersion: SchemaVersion) {
  return {
    subject: entry.subject,
    file: `v${schemaVersion.version}.avsc`,
    references: schemaVersion.references.map((ref) => `${ref.subject}@${ref.version}`),
    level: entry.compatibility,
  };
}
