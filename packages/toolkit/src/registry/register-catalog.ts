import type { Catalog } from '../catalog/catalog.ts';
import type { CompatibilityLevel } from '../catalog/compatibility-level.ts';
import type { RegistryRest } from './registry-rest.ts';

export type RegistrationStatus = 'registered' | 'unchanged' | 'would register' | 'superseded';

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

/**
 * Registers a loaded (and so already validated) catalog, subjects in dependency order: referenced subjects first.
 * Sets each subject's compatibility level, then registers the versions the registry lacks, oldest first, each
 * with its references, so a fresh registry ends up with the same history as the catalog. Versions older than the
 * newest one the registry already holds are reported `superseded`, never appended after it (that would make an
 * old schema "latest"). Stops at the first refusal, throwing the registry's reason.
 */
export async function registerCatalog(
  catalog: Pick<Catalog, 'subjects'>,
  rest: RegistryRest,
  options: { dryRun: boolean },
): Promise<RegistrationRow[]> {
  const rows: RegistrationRow[] = [];
  for (const entry of catalog.subjects) {
    const current = await rest.getCompatibility(entry.subject);
    const levelChanged = current !== entry.compatibility;
    if (levelChanged && !options.dryRun) await rest.setCompatibility(entry.subject, entry.compatibility);
    const previousLevel: RegistrationRow['previousLevel'] = levelChanged
      ? (current ?? 'global default')
      : undefined;

    const found = await Promise.all(
      entry.versions.map((v) => rest.lookup(entry.subject, v.schema, v.references)),
    );
    const newestKnown = found.findLastIndex((registered) => registered !== undefined);
    for (const [index, schemaVersion] of entry.versions.entries()) {
      const file = `v${schemaVersion.version}.avsc`;
      const references = schemaVersion.references.map((ref) => `${ref.subject}@${ref.version}`);
      const base = { subject: entry.subject, file, references, level: entry.compatibility, previousLevel };
      const registered = found[index];
      if (registered) {
        rows.push({ ...base, version: registered.version, id: registered.id, status: 'unchanged' });
      } else if (index < newestKnown) {
        rows.push({ ...base, version: undefined, id: undefined, status: 'superseded' });
      } else if (options.dryRun) {
        rows.push({ ...base, version: undefined, id: undefined, status: 'would register' });
      } else {
        const { schema, references: refs } = schemaVersion;
        const { id } = await rest.register(entry.subject, schema, refs);
        const version = (await rest.lookup(entry.subject, schema, refs))?.version;
        rows.push({ ...base, version, id, status: 'registered' });
      }
    }
  }
  return rows;
}
