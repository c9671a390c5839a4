import { type RuleId, rules, type Severity } from './rules.ts';

/** Where a finding points: 1-based line and column in the file (the .avsc, subject.json or lint.json). */
export interface Location {
  file: string;
  line: number;
  column: number;
}

/** The start of a file, for findings that concern the whole file (a deleted version, an unreadable catalog file). */
export function startOf(file: string): Location {
  return { file, line: 1, column: 1 };
}

/**
 * BACKWARD: the new schema cannot read data written with the earlier version.
 * FORWARD: the earlier version cannot read data written with the new schema.
 */
export type Direction = 'BACKWARD' | 'FORWARD';

/** The incompatibility types of Avro's Java `SchemaCompatibility`, which Confluent's registry runs. */
export type AvroIncompatibility =
  | 'NAME_MISMATCH'
  | 'FIXED_SIZE_MISMATCH'
  | 'MISSING_ENUM_SYMBOLS'
  | 'READER_FIELD_MISSING_DEFAULT_VALUE'
  | 'TYPE_MISMATCH'
  | 'MISSING_UNION_BRANCH';

/** Which read a compatibility finding breaks: against which earlier version, which way, where, and whom it hurts. */
export interface CompatibilityDetails {
  /** The earlier version this breaks against: `history[version - 1]`, so v1 is the oldest. */
  version: number;
  direction: Direction;
  /** Where in the record: `address.zip`, `items[].price`, `tags{}` (map values); empty for the top-level type. */
  path: string;
  /** The same incompatibility as Avro's Java `SchemaCompatibility` (and so the registry) names it. */
  avroType: AvroIncompatibility;
  /** missing-union-branch: full name of the branch one side cannot read. */
  branch?: string;
  /** A change of a shared type: the type, and the subject using it that the change breaks. */
  sharedType?: string;
  affectedSubject?: string;
  /** Who cannot read whom, in the names of the services topics.json declares. */
  impact?: string;
}

/** One finding of compatibility, lint, history or the checker itself, in every report format. */
export interface Finding {
  ruleId: RuleId;
  severity: Severity;
  /** What is wrong, for a person. */
  message: string;
  /** How to make it right; absent where only the message can say (a registry refusal, an unreadable folder). */
  fix?: string;
  /** Absent until placed in a file, and for findings about no one file (the generated types). */
  location?: Location;
  /** Compatibility findings (not key-encoding-changed): what the change breaks. */
  compatibility?: CompatibilityDetails;
}

/** What schema resolution finds: a Finding whose details say which read breaks. */
export type CompatibilityFinding = Finding & { compatibility: CompatibilityDetails };

/** A finding at its rule's severity from the list (lint.json may set another for a lint rule). */
export function findingOf(ruleId: RuleId, fields: Omit<Finding, 'ruleId' | 'severity'>): Finding {
  return { ruleId, severity: rules[ruleId].severity, ...fields };
}
