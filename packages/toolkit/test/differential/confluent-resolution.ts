import type { SchemaReference } from '../../src/topic-descriptor.ts';
import { type CatalogFiles, newestOf, subjectFiles, withVersion } from './catalog-files.ts';
import type { ResolvedSchema } from './java-oracle.ts';

/** Subject → version: the version every reference to that subject resolves to instead of its pin. */
export type Pins = ReadonlyMap<string, number>;

/**
 * The texts Confluent's AvroSchema parses for `subject` v`version`: its references depth first, each name once
 * (the first pin met wins, as AbstractSchemaProvider.resolveReferences does), then the schema itself.
 */
export function resolveAsConfluent(
  catalog: CatalogFiles,
  subject: string,
  version: number,
  pins: Pins = new Map(),
): ResolvedSchema {
  const texts: string[] = [];
  const visited = new Set<string>();
  const visit = (references: readonly SchemaReference[]) => {
    for (const reference of references) {
      if (visited.has(reference.name)) continue;
      visited.add(reference.name);
      const target = versionOf(catalog, reference.subject, pins.get(reference.subject) ?? reference.version);
      visit(target.references);
      texts.push(JSON.stringify(target.schema));
    }
  };
  const own = versionOf(catalog, subject, version);
  visit(own.references);
  texts.push(JSON.stringify(own.schema));
  return texts;
}

function versionOf(catalog: CatalogFiles, subject: string, version: number) {
  const found = subjectFiles(catalog, subject).versions[version - 1];
  if (!found) throw new Error(`the catalog has no ${subject} v${version}`);
  return found;
}

/** Every subject version `subject`@`version` references, directly or through other references. */
export function referencedSubjects(
  catalog: CatalogFiles,
  subject: string,
  version: number,
  pins: Pins = new Map(),
): Map<string, number> {
  const found = new Map<string, number>();
  const visited = new Set<string>();
  const visit = (references: readonly SchemaReference[]) => {
    for (const reference of references) {
      if (visited.has(reference.name)) continue;
      visited.add(reference.name);
      const pinned = pins.get(reference.subject) ?? reference.version;
      if (!found.has(reference.subject)) found.set(reference.subject, pinned);
      visit(versionOf(catalog, reference.subject, pinned).references);
    }
  };
  visit(versionOf(catalog, subject, version).references);
  return found;
}

/** The subjects whose newest version uses `type` (directly or through other references). */
export function usersOf(catalog: CatalogFiles, type: string): string[] {
  return Object.keys(catalog.subjects).filter(
    (subject) =>
      subject !== type && referencedSubjects(catalog, subject, newestOf(catalog, subject).version).has(type),
  );
}

/**
 * What a team does after a new version of a shared type: every subject using it gets a next version, the same
 * schema with its references pinned to the newest versions, referenced subjects first. Returns the catalog and
 * the subjects that got a version.
 */
export function repinUsers(
  catalog: CatalogFiles,
  type: string,
): { catalog: CatalogFiles; repinned: string[] } {
  const users = new Set(usersOf(catalog, type));
  const repinned: string[] = [];
  let current = catalog;
  const place = (subject: string) => {
    if (!users.has(subject) || repinned.includes(subject)) return;
    for (const reference of newestOf(current, subject).references) place(reference.subject);
    const newest = newestOf(current, subject);
    const references = newest.references.map((reference) => ({
      ...reference,
      version: subjectFiles(current, reference.subject).versions.length,
    }));
    current = withVersion(current, subject, { schema: newest.schema, references });
    repinned.push(subject);
  };
  for (const user of users) place(user);
  return { catalog: current, repinned };
}
