import type { CompatibilityLevel } from './catalog/compatibility-level.ts';

/** What the contract says about one topic; the generated `topics` const holds one per topic. */
export interface TopicDescriptor<T extends string = string> {
  readonly topic: T;
  /** Value subject in the registry (TopicNameStrategy: `<topic>-value`). */
  readonly subject: string;
  readonly compatibility: CompatibilityLevel;
  /** The message key: its type and what it holds (e.g. the user id as a plain UTF-8 string, not Avro). */
  readonly key: { readonly type: string; readonly doc: string };
  /** Number of the newest schema version, the one compiled into this package. */
  readonly version: number;
  /** The newest schema as written in schemas/<subject>/v<version>.avsc. */
  readonly schema: object;
}
