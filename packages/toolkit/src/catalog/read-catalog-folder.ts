import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { compatibilityLevels } from '../compatibility-level.ts';
import type { SchemaReference } from '../topic-descriptor.ts';
import { CatalogError } from './catalog-error.ts';

/** The files of a catalog folder, checked for shape only (names and references are checked by loadCatalog). */
export interface CatalogFolder {
  topics: RawTopic[];
  subjects: RawSubject[];
}

export interface RawTopic {
  topic: string;
  file: string;
  declaration: z.infer<typeof topicSchema>;
}

export interface RawSubject {
  subject: string;
  dir: string;
  config: z.infer<typeof subjectSchema>;
  versions: RawVersion[];
}

export interface RawVersion {
  version: number;
  file: string;
  schema: unknown;
  references: SchemaReference[];
}

export const TOPICS_FILE = 'topics.json';

const keySchema = z.object({ type: z.enum(['string', 'avro']), doc: z.string().default('') });

const topicSchema = z.strictObject({
  doc: z.string().default(''),
  strategy: z.enum(['TopicNameStrategy', 'TopicRecordNameStrategy']).default('TopicNameStrategy'),
  key: keySchema,
  producers: z.array(z.string().min(1)).default([]),
  consumers: z.array(z.string().min(1)).default([]),
  /** How the topic is created (documentation and AsyncAPI bindings); replication is the deployment's choice. */
  partitions: z.int().min(1).optional(),
});

const subjectSchema = z.strictObject({
  compatibility: z.enum(compatibilityLevels),
  doc: z.string().default(''),
  /** Shorthand for a single-event TopicNameStrategy topic declared in its `<topic>-value/subject.json`. */
  topic: z.string().min(1).optional(),
  key: keySchema.optional(),
});

const referencesSchema = z.array(
  z.strictObject({ name: z.string().min(1), subject: z.string().min(1), version: z.int().min(1) }),
);

const VERSION_FILE = /^v([1-9][0-9]*)\.avsc$/;
const REFERENCES_FILE = /^v([1-9][0-9]*)\.references\.json$/;

/** Reads `topics.json` and every subject folder; throws CatalogError INVALID_FILE naming the file. */
export function readCatalogFolder(schemasDir: string): CatalogFolder {
  if (!existsSync(schemasDir)) throw new CatalogError('INVALID_FILE', schemasDir, 'no such folder');
  const topicsFile = join(schemasDir, TOPICS_FILE);
  const declared = existsSync(topicsFile)
    ? parseWith(z.record(z.string().min(1), topicSchema), readJson(topicsFile), topicsFile)
    : {};
  const topics = Object.entries(declared).map(([topic, declaration]) => ({
    topic,
    file: topicsFile,
    declaration,
  }));
  const subjects = readdirSync(schemasDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => readSubject(join(schemasDir, entry.name), entry.name))
    .sort((a, b) => (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0));
  return { topics, subjects };
}

function readSubject(dir: string, subject: string): RawSubject {
  const configFile = join(dir, 'subject.json');
  const config = parseWith(subjectSchema, readJson(configFile), configFile);
  if ((config.topic === undefined) !== (config.key === undefined))
    throw new CatalogError('INVALID_FILE', configFile, '"topic" and "key" go together (shorthand topic)');
  const names = readdirSync(dir);
  for (const name of names) {
    if (name !== 'subject.json' && !VERSION_FILE.test(name) && !REFERENCES_FILE.test(name)) {
      throw new CatalogError(
        'INVALID_FILE',
        join(dir, name),
        'unexpected file: a subject folder holds subject.json, vN.avsc and vN.references.json',
      );
    }
  }
  const versions = names
    .flatMap((name) => {
      const match = VERSION_FILE.exec(name);
      if (!match) return [];
      const version = Number(match[1]);
      const file = join(dir, name);
      const referencesFile = join(dir, `v${version}.references.json`);
      const references = existsSync(referencesFile)
        ? parseWith(referencesSchema, readJson(referencesFile), referencesFile)
        : [];
      return [{ version, file, schema: readJson(file), references }];
    })
    .sort((a, b) => a.version - b.version);
  if (versions.length === 0) throw new CatalogError('INVALID_FILE', dir, 'no v1.avsc found');
  versions.forEach((v, index) => {
    if (v.version !== index + 1)
      throw new CatalogError('INVALID_FILE', v.file, 'version files must be v1..vN without gaps');
  });
  for (const name of names) {
    const match = REFERENCES_FILE.exec(name);
    if (match && !versions.some((v) => v.version === Number(match[1])))
      throw new CatalogError('INVALID_FILE', join(dir, name), `references a missing v${match[1]}.avsc`);
  }
  return { subject, dir, config, versions };
}

function parseWith<T>(schema: z.ZodType<T>, value: unknown, file: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map(
    (issue) => `${issue.path.length ? issue.path.join('.') : '(file)'}: ${issue.message}`,
  );
  throw new CatalogError('INVALID_FILE', file, problems.join('; '));
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CatalogError('INVALID_FILE', file, `cannot be read (${(error as Error).message})`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CatalogError('INVALID_FILE', file, `not valid JSON (${(error as Error).message})`);
  }
}
