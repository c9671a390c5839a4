import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SchemaReference } from '../../src/topic-descriptor.ts';

export interface VersionFiles {
  schema: unknown;
  references: SchemaReference[];
}

export interface SubjectFiles {
  config: Record<string, unknown>;
  /** v1 first. */
  versions: VersionFiles[];
}

/** A catalog folder in memory: what the differential tests mutate, then write for the toolkit to read. */
export interface CatalogFiles {
  topics: Record<string, unknown> | undefined;
  lint: unknown;
  subjects: Record<string, SubjectFiles>;
}

const VERSION_FILE = /^v([1-9][0-9]*)\.avsc$/;

export function readCatalogFiles(dir: string): CatalogFiles {
  const json = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));
  const optional = (file: string): unknown => (existsSync(file) ? json(file) : undefined);
  const subjects: Record<string, SubjectFiles> = {};
  for (const name of readdirSync(dir)) {
    const subjectDir = join(dir, name);
    if (!statSync(subjectDir).isDirectory()) continue;
    const count = readdirSync(subjectDir).filter((file) => VERSION_FILE.test(file)).length;
    subjects[name] = {
      config: json(join(subjectDir, 'subject.json')) as Record<string, unknown>,
      versions: Array.from({ length: count }, (_, index) => ({
        schema: json(join(subjectDir, `v${index + 1}.avsc`)),
        references: (optional(join(subjectDir, `v${index + 1}.references.json`)) ?? []) as SchemaReference[],
      })),
    };
  }
  return {
    topics: optional(join(dir, 'topics.json')) as Record<string, unknown> | undefined,
    lint: optional(join(dir, 'lint.json')),
    subjects,
  };
}

const writeJson = (file: string, value: unknown) =>
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);

export function writeCatalogFiles(catalog: CatalogFiles, dir: string): void {
  mkdirSync(dir, { recursive: true });
  if (catalog.topics !== undefined) writeJson(join(dir, 'topics.json'), catalog.topics);
  if (catalog.lint !== undefined) writeJson(join(dir, 'lint.json'), catalog.lint);
  for (const [subject, files] of Object.entries(catalog.subjects)) writeSubject(join(dir, subject), files, 0);
}

function writeSubject(dir: string, files: SubjectFiles, from: number): void {
  if (from === 0) {
    mkdirSync(dir);
    writeJson(join(dir, 'subject.json'), files.config);
  }
  files.versions.slice(from).forEach((version, offset) => {
    const number = from + offset + 1;
    writeJson(join(dir, `v${number}.avsc`), version.schema);
    if (version.references.length > 0) writeJson(join(dir, `v${number}.references.json`), version.references);
  });
}

/**
 * A base catalog written once; a variant of it (new versions, new subjects) is written as the few files it adds
 * and taken away again. Writing the whole catalog per variant was most of a run's time.
 */
export class CatalogWorkspace {
  readonly dir: string;
  readonly #base: CatalogFiles;
  #undo: (() => void)[] = [];

  constructor(base: CatalogFiles, dir: string) {
    this.#base = base;
    this.dir = dir;
    writeCatalogFiles(base, dir);
  }

  /** Writes what `variant` adds to the base: only versions and subjects, never a changed published file. */
  apply(variant: CatalogFiles): void {
    this.reset();
    for (const [subject, files] of Object.entries(variant.subjects)) {
      const base = this.#base.subjects[subject];
      if (files === base) continue;
      const dir = join(this.dir, subject);
      const from = base?.versions.length ?? 0;
      if (base && (files.config !== base.config || base.versions.some((v, i) => files.versions[i] !== v)))
        throw new Error(`a variant may only add versions: ${subject} changes a published one`);
      writeSubject(dir, files, from);
      this.#undo.push(() => {
        if (from === 0) rmSync(dir, { recursive: true, force: true });
        for (let number = from + 1; number <= files.versions.length; number += 1) {
          rmSync(join(dir, `v${number}.avsc`), { force: true });
          rmSync(join(dir, `v${number}.references.json`), { force: true });
        }
      });
    }
  }

  reset(): void {
    for (const undo of this.#undo.splice(0)) undo();
  }
}

/** The catalog with one more version of `subject` (a new subject when it has none); the input is unchanged. */
export function withVersion(
  catalog: CatalogFiles,
  subject: string,
  version: VersionFiles,
  config?: Record<string, unknown>,
): CatalogFiles {
  const existing = catalog.subjects[subject];
  const files: SubjectFiles = {
    config: config ?? existing?.config ?? { compatibility: 'BACKWARD' },
    versions: [...(existing?.versions ?? []), version],
  };
  return { ...catalog, subjects: { ...catalog.subjects, [subject]: files } };
}

export function subjectFiles(catalog: CatalogFiles, subject: string): SubjectFiles {
  const files = catalog.subjects[subject];
  if (!files) throw new Error(`the catalog has no subject ${subject}`);
  return files;
}

export function newestOf(catalog: CatalogFiles, subject: string): VersionFiles & { version: number } {
  const { versions } = subjectFiles(catalog, subject);
  const newest = versions.at(-1);
  if (!newest) throw new Error(`${subject} has no version`);
  return { ...newest, version: versions.length };
}
