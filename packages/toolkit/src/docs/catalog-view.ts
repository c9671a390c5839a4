import type { Catalog, SchemaVersion, SubjectEntry, TopicEntry } from '../catalog/catalog.ts';
import { createSchemaExpander, type SchemaExpander } from '../codegen/self-contained-schema.ts';
import type { CompatibilityLevel } from '../compatibility-level.ts';
import { type SchemaChange, schemaChanges } from './schema-changes.ts';

/** What a reader of the catalog wants to know about one topic: the AsyncAPI and HTML renderers share it. */
export interface TopicView {
  topic: string;
  doc: string;
  strategy: TopicEntry['strategy'];
  producers: string[];
  consumers: string[];
  partitions?: number | undefined;
  key: KeyView;
  events: EventView[];
  /** The union subject of a TopicNameStrategy topic with several event types (its own history). */
  union?: SubjectView;
}

export type KeyView =
  | { type: 'string'; doc: string }
  | { type: 'avro'; doc: string; subject: SubjectView; schema: unknown };

export interface EventView {
  /** The record's full name (the event type). */
  name: string;
  doc: string;
  /** The newest schema, self-contained (referenced types inlined). */
  schema: unknown;
  subject: SubjectView;
}

export interface SubjectView {
  subject: string;
  compatibility: CompatibilityLevel;
  versions: VersionView[];
}

export interface VersionView {
  version: number;
  /** Against the previous version; empty for v1. */
  changes: SchemaChange[];
}

export function catalogView(catalog: Catalog): TopicView[] {
  // The schemas as written, references inlined: avsc's export would show timestamp-micros as long.
  const expander = createSchemaExpander(catalog);
  const subjects = new Map(catalog.subjects.map((entry) => [entry.subject, entry]));
  const subject = (name: string): SubjectEntry => {
    const entry = subjects.get(name);
    if (entry === undefined) throw new Error(`the catalog has no subject ${name}`);
    return entry;
  };
  return [...catalog.topics]
    .sort((a, b) => a.topic.localeCompare(b.topic))
    .map((topic) => {
      const values = topic.valueSubjects.map(subject);
      const unionSubject = values.length === 1 && isUnion(newest(values[0]!).schema) ? values[0] : undefined;
      const events =
        unionSubject === undefined
          ? values.map((entry) => eventOf(entry, expander))
          : newest(unionSubject).references.map((ref) => eventOf(subject(ref.subject), expander));
      return {
        topic: topic.topic,
        doc: topic.doc,
        strategy: topic.strategy,
        producers: topic.producers,
        consumers: topic.consumers,
        ...(topic.partitions !== undefined && { partitions: topic.partitions }),
        key: keyView(topic, subject, expander),
        events,
        ...(unionSubject && { union: subjectViewOf(unionSubject, expander) }),
      };
    });
}

function keyView(
  topic: TopicEntry,
  subject: (name: string) => SubjectEntry,
  expander: SchemaExpander,
): KeyView {
  if (topic.key.type === 'string') return topic.key;
  const entry = subject(topic.key.subject);
  return {
    type: 'avro',
    doc: topic.key.doc,
    subject: subjectViewOf(entry, expander),
    schema: expander.expand(newest(entry)),
  };
}

function eventOf(entry: SubjectEntry, expander: SchemaExpander): EventView {
  const version = newest(entry);
  const schema = expander.expand(version) as { doc?: string };
  return {
    name: version.type.name ?? entry.subject,
    doc: schema.doc ?? entry.doc,
    schema,
    subject: subjectViewOf(entry, expander),
  };
}

function subjectViewOf(entry: SubjectEntry, expander: SchemaExpander): SubjectView {
  const schemas = entry.versions.map((version) => expander.expand(version));
  return {
    subject: entry.subject,
    compatibility: entry.compatibility,
    versions: entry.versions.map((version, index) => ({
      version: version.version,
      changes: index === 0 ? [] : schemaChanges(schemas[index - 1], schemas[index]),
    })),
  };
}

const newest = (entry: SubjectEntry): SchemaVersion => entry.versions[entry.versions.length - 1]!;
const isUnion = (schema: unknown): boolean => Array.isArray(schema);
