import type { AvroIncompatibility } from './finding.ts';

export type ProblemKind =
  | 'FIELD_ADDED_WITHOUT_DEFAULT'
  | 'FIELD_REMOVED_WITHOUT_DEFAULT'
  | 'TYPE_MISMATCH'
  | 'NAME_MISMATCH'
  | 'FIXED_SIZE_MISMATCH'
  | 'MISSING_ENUM_SYMBOL'
  | 'MISSING_UNION_BRANCH';

/**
 * BACKWARD: the new schema cannot read data written with the earlier version.
 * FORWARD: the earlier version cannot read data written with the new schema.
 */
export type Direction = 'BACKWARD' | 'FORWARD';

export interface Problem {
  /** The earlier version this breaks against: `history[version - 1]`, so v1 is the oldest. */
  version: number;
  direction: Direction;
  /** Where in the record: `address.zip`, `items[].price`, `tags{}` (map values); empty for the top-level type. */
  path: string;
  kind: ProblemKind;
  /** The same incompatibility as Avro's Java `SchemaCompatibility` (and so the registry) names it. */
  avroType: AvroIncompatibility;
  /** What is wrong and who cannot read whom, for a person. */
  message: string;
  /** How to make the change compatible. */
  fix: string;
  /** MISSING_UNION_BRANCH: full name of the branch one side cannot read. */
  branch?: string;
  /** A change of a shared type: the type, and the subject using it that the change breaks. */
  sharedType?: string;
  affectedSubject?: string;
}
