import type avsc from 'avsc';
import type { SchemaNode } from '../compatibility/schema-node.ts';
import type { CompatibilityLevel } from '../compatibility-level.ts';
import type { SchemaReference } from '../topic-descriptor.ts';

export type SubjectNameStrategy = 'TopicNameStrategy' | 'TopicRecordNameStrategy';

export type SubjectRole =
  /** A named type of its own (shared type or union member); the folder is its full name. */
  | 'type'
  /** `<topic>-value` of a TopicNameStrategy topic: one record, or a union of event records. */
  | 'value'
  /** `<topic>-<record full name>` of a TopicRecordNameStrategy topic: one event type. */
  | 'event'
  /** `<topic>-key`: the Avro key schema. */
  | 'key';

export interface SchemaVersion {
  version: number;
  /** Path of the vN.avsc file. */
  file: string;
  /** The schema exactly as written, and as registered. */
  schema: unknown;
  /** From vN.references.json; empty when the schema is self-contained. */
  references: SchemaReference[];
  /**
   * The schema with every referenced type resolved at its pinned version, as avsc compiles it. Compiled when
   * loaded for a subject's newest version, on first use for older ones.
   */
  type: avsc.Type;
  /** Every named type reachable from this schema version, by full name (its own and referenced ones). */
  namedTypes: Readonly<Record<string, avsc.Type>>;
  /** Full names this version defines itself rather than through a reference. */
  ownNames: string[];
  /**
   * The resolved schema as the compatibility checker reads it: every attribute resolution reads, logical types
   * beside their underlying types; references resolved as the registry resolves them.
   */
  node: SchemaNode;
}

export interface SubjectEntry {
  subject: string;
  role: SubjectRole;
  /** The topic a value, event or key subject belongs to. */
  topic: string | undefined;
  compatibility: CompatibilityLevel;
  doc: string;
  dir: string;
  /** Oldest first; the last one is the newest. */
  versions: SchemaVersion[];
}

export type TopicKey =
  | { type: 'string'; doc: string }
  /** Avro-encoded in the wire format, with its own `<topic>-key` subject. */
  | { type: 'avro'; doc: string; subject: string };

export interface TopicEntry {
  topic: string;
  doc: string;
  strategy: SubjectNameStrategy;
  key: TopicKey;
  /** Services that write this topic and that read it (documentation, governance, AsyncAPI). */
  producers: string[];
  consumers: string[];
  /** Partition count the topic is created with, where the catalog declares it. */
  partitions?: number | undefined;
  /** The file declaring the topic (topics.json, or the shorthand subject.json). */
  file: string;
  /** Value or event subjects: one `<topic>-value`, or one `<topic>-<record>` per event type. */
  valueSubjects: string[];
}

export interface Catalog {
  dir: string;
  topics: TopicEntry[];
  /** Every subject in registration order: each after the subjects its schemas reference. */
  subjects: SubjectEntry[];
}
