import type { Catalog, SubjectRole } from '../../src/catalog/catalog.ts';
import { type CatalogFiles, subjectFiles } from './catalog-files.ts';
import { referencedSubjects, repinUsers } from './confluent-resolution.ts';
import type { Variant } from './mutations.ts';

/** A catalog to load: on its own, or as a variant of a base catalog (written as what it adds). */
export interface CatalogRef {
  files: CatalogFiles;
  base?: CatalogFiles;
}

/**
 * A writer and a reader version of one subject a consumer decodes (a value, event or key subject): Java writes
 * with the writer; the toolkit's consumer, generated from `readerState` (whose newest version of the subject is
 * the reader), decodes. `versions` holds both versions, for the checker's verdict on the pair.
 */
export interface ValuePair {
  id: string;
  /** `fixture shop-catalog`, `mutation`… */
  source: string;
  /** The change between writer and reader: a mutation's kind, or `version history`. */
  kind: string;
  topic: string;
  subject: string;
  role: SubjectRole;
  writerVersion: number;
  readerVersion: number;
  versions: CatalogRef;
  readerState: CatalogRef | undefined;
  /** Why there is no reader state (the toolkit cannot generate a consumer for it). */
  noReaderState?: string;
}

const CONSUMED: readonly SubjectRole[] = ['value', 'event', 'key'];

/** Every ordered pair of versions of every consumed subject of a fixture catalog. */
export function historyPairs(source: string, files: CatalogFiles, catalog: Catalog): ValuePair[] {
  const pairs: ValuePair[] = [];
  for (const entry of catalog.subjects) {
    if (!CONSUMED.includes(entry.role) || entry.topic === undefined) continue;
    const count = entry.versions.length;
    for (let writer = 1; writer <= count; writer += 1)
      for (let reader = 1; reader <= count; reader += 1) {
        if (writer === reader) continue;
        const state =
          reader === count ? { files } : truncated(files, catalog, entry.topic, entry.subject, reader);
        pairs.push({
          id: `${source}: ${entry.subject} v${writer} → v${reader}`,
          source,
          kind: 'version history',
          topic: entry.topic,
          subject: entry.subject,
          role: entry.role,
          writerVersion: writer,
          readerVersion: reader,
          versions: { files },
          ...('reason' in state
            ? { readerState: undefined, noReaderState: state.reason }
            : { readerState: state }),
        });
      }
  }
  return pairs;
}

/**
 * The catalog a consumer compiled when `subject` v`version` was the newest: the topic's subjects and the types
 * they pin, each cut back to that version (other topics left out, so their newer pins do not get in the way).
 */
function truncated(
  files: CatalogFiles,
  catalog: Catalog,
  topic: string,
  subject: string,
  version: number,
): CatalogRef | { reason: string } {
  const entry = catalog.topics.find((t) => t.topic === topic);
  if (!entry) return { reason: `no topic ${topic}` };
  const chosen = new Map<string, number>();
  for (const name of [...entry.valueSubjects, ...(entry.key.type === 'avro' ? [entry.key.subject] : [])])
    chosen.set(name, name === subject ? version : subjectFiles(files, name).versions.length);
  for (const [name, v] of [...chosen]) {
    for (const [type, pinned] of referencedSubjects(files, name, v)) {
      const other = chosen.get(type);
      if (other !== undefined && other !== pinned)
        return { reason: `${type} is pinned at v${other} and v${pinned} in one topic` };
      chosen.set(type, pinned);
    }
  }
  const subjects = Object.fromEntries(
    [...chosen].map(([name, v]) => {
      const { config, versions } = subjectFiles(files, name);
      return [name, { config, versions: versions.slice(0, v) }];
    }),
  );
  const declared = files.topics?.[topic];
  return {
    files: { topics: declared === undefined ? undefined : { [topic]: declared }, lint: undefined, subjects },
  };
}

/**
 * Old → new and new → old of every variant: the changed subject itself when a consumer decodes it, else (a shared
 * type changed) each consumed subject using the type, after every user got a version pinning the new type.
 */
export function mutationPairs(
  base: CatalogFiles,
  catalog: Catalog,
  variants: readonly Variant[],
): ValuePair[] {
  const info = new Map(catalog.subjects.map((entry) => [entry.subject, entry]));
  const pairs: ValuePair[] = [];
  for (const variant of variants) {
    const changed = info.get(variant.subject);
    if (!changed) continue;
    const consumed = CONSUMED.includes(changed.role);
    const { files, users } = consumed
      ? { files: variant.catalog, users: [variant.subject] }
      : (() => {
          const repinned = repinUsers(variant.catalog, variant.subject);
          return {
            files: repinned.catalog,
            users: repinned.repinned.filter((user) => CONSUMED.includes(info.get(user)?.role ?? 'type')),
          };
        })();
    for (const user of users) {
      const entry = info.get(user);
      if (!entry?.topic) continue;
      const old = subjectFiles(base, user).versions.length;
      const versions = { files, base };
      const common = {
        source: 'mutation',
        kind: variant.kind,
        topic: entry.topic,
        subject: user,
        role: entry.role,
        versions,
      };
      const where = consumed ? variant.id : `${variant.id}, read through ${user}`;
      pairs.push(
        {
          ...common,
          id: `${where}: old → new`,
          writerVersion: old,
          readerVersion: old + 1,
          readerState: versions,
        },
        {
          ...common,
          id: `${where}: new → old`,
          writerVersion: old + 1,
          readerVersion: old,
          readerState: { files: base, base },
        },
      );
    }
  }
  return pairs;
}
