/** A schema on the candidate's side, to place a refusal at its `.avsc` file:line:col. */
export interface CandidateSchema {
  subject: string;
  version: number;
}

export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

export type RefusalRule =
  /** A reader cannot read what a writer writes (Avro schema resolution). */
  | 'reader-cannot-read'
  /** A consumer would dead-letter an event type it does not know. */
  | 'event-type-dead-lettered'
  /** One side encodes keys as strings, the other as Avro. */
  | 'key-encoding-differs'
  /** The candidate names a topic the environment's Kafka does not have (auto-creation is off). */
  | 'unknown-topic';

export interface Refusal {
  rule: RefusalRule;
  topic: string;
  /** Whom it would break: `profile-service 0.1.0`, or `registry user_register-value v1` (events in the topic). */
  against: string;
  eventType?: string;
  /** Where in the record: `address.zip`; empty for the whole type. */
  path: string;
  message: string;
  fix: string;
  candidateSchema?: CandidateSchema;
  location?: SourceLocation;
}

export type CheckOutcome = 'ok' | 'refused' | 'skipped' | 'ignored';

/** One comparison made, refused or not: the report's table of what was checked against whom. */
export interface Check {
  topic: string;
  /** `writes` when the candidate writes what `against` reads; `reads` when it reads what `against` writes. */
  candidateRole: 'writes' | 'reads';
  against: string;
  /** The event type compared, or `key`. */
  subjectOf: string;
  outcome: CheckOutcome;
}

export interface Verdict {
  candidate: { service: string; version: string; commit: string | null };
  ok: boolean;
  checks: Check[];
  refusals: Refusal[];
  /** Facts worth knowing that do not refuse (nothing deployed yet, a schema not registered yet). */
  notes: string[];
}
