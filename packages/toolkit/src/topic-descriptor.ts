/** Confluent's schema reference: the type `name` is defined by `subject` at `version`. */
export interface SchemaReference {
  name: string;
  subject: string;
  version: number;
}

/** A schema as the registry holds it under one subject: the lookup of its id sends exactly this. */
export interface RegisteredSchema {
  readonly subject: string;
  readonly version: number;
  readonly schema: unknown;
  readonly references: readonly SchemaReference[];
}

export interface EventDescriptor {
  /** Avro full name of the event record: the discriminant of the topic's event union. */
  readonly name: string;
  /** The record's newest schema with referenced types inlined: what decode reads into. */
  readonly schema: unknown;
  /** TopicRecordNameStrategy: the event's own subject. */
  readonly registered?: RegisteredSchema;
}

export type KeyDescriptor =
  | { readonly type: 'string'; readonly doc: string }
  | {
      readonly type: 'avro';
      readonly doc: string;
      readonly registered: RegisteredSchema;
      /** Referenced types inlined. */
      readonly schema: unknown;
    };

/** The TypeScript side of one topic: key, value as encode takes it and decode returns it, and each event type. */
export interface TopicTypes {
  key: unknown;
  value: unknown;
  events: Record<string, unknown>;
}

interface TopicBase<T extends string, Types extends TopicTypes> {
  readonly topic: T;
  readonly doc: string;
  /** Whether values are `{ type, value }` envelopes (several event types) or the one event record itself. */
  readonly multiEvent: boolean;
  readonly key: KeyDescriptor;
  readonly events: { readonly [N in keyof Types['events'] & string]: EventDescriptor };
  readonly producers: readonly string[];
  readonly consumers: readonly string[];
  /** Type-level only (never set): the topic's TypeScript types, for the serde and handler maps. */
  readonly '~types'?: Types;
}

/** One `<topic>-value` subject: one event record, or a union of event records. */
export interface TopicNameTopic<T extends string = string, Types extends TopicTypes = TopicTypes>
  extends TopicBase<T, Types> {
  readonly strategy: 'TopicNameStrategy';
  readonly value: RegisteredSchema;
}

/** One `<topic>-<record full name>` subject per event type (`registered` of each event). */
export interface TopicRecordNameTopic<T extends string = string, Types extends TopicTypes = TopicTypes>
  extends TopicBase<T, Types> {
  readonly strategy: 'TopicRecordNameStrategy';
}

/** What the catalog says about one topic; a generated `topics` const holds one per topic. */
export type TopicDescriptor<T extends string = string, Types extends TopicTypes = TopicTypes> =
  | TopicNameTopic<T, Types>
  | TopicRecordNameTopic<T, Types>;

/** A generated topic map: topic name → its descriptor. */
export type TopicDescriptors = { readonly [topic: string]: TopicDescriptor };
