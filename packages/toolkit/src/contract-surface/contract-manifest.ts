import type { TopicDescriptor } from '../topic-descriptor.ts';

/** The manifest format this toolkit writes and reads; a reader refuses any other. */
export const MANIFEST_FORMAT = 'events-toolkit/contract-manifest/v1';

/** One schema as a service compiled it: where the registry keeps it, and the schema itself. */
export interface SchemaSurface {
  subject: string;
  version: number;
  /** The registry's id of this subject version; null until it is registered (or while the registry is unknown). */
  schemaId: number | null;
  /** Self-contained (referenced types inlined), so a checker needs nothing else to compare it. */
  schema: unknown;
}

export type KeySurface = { encoding: 'string' } | { encoding: 'avro'; schema: SchemaSurface };

interface TopicSurface {
  topic: string;
  strategy: TopicDescriptor['strategy'];
  /** Values are `{ type, value }` envelopes of several event types. */
  multiEvent: boolean;
  key: KeySurface;
}

export interface ProducedTopicSurface extends TopicSurface {
  /** Every event type the service can write, by full name, with the writer schema it encodes it with. */
  writers: Record<string, SchemaSurface>;
}

export interface ConsumedEventSurface {
  handling: 'handled' | 'ignored';
  /** The schema the service decodes this event type into. */
  reader: SchemaSurface;
}

export interface ConsumedTopicSurface extends TopicSurface {
  /** Every event type the service's build knows, by full name. */
  events: Record<string, ConsumedEventSurface>;
  /** What happens to an event type the build does not know: dead-lettered, or skipped. */
  unknownEventTypes: 'dead-letter' | 'skip';
}

export interface ServiceIdentity {
  name: string;
  /** The service's package version. */
  version: string;
  /** The git commit it was built from; null when the build had no git. */
  commit: string | null;
}

/** What a service writes and reads, derived from its code and the generated topic map. */
export interface ContractManifest {
  format: typeof MANIFEST_FORMAT;
  service: ServiceIdentity;
  produces: ProducedTopicSurface[];
  consumes: ConsumedTopicSurface[];
}
