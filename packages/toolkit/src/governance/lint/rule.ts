import type { JSONPath } from 'jsonc-parser';
import type { SubjectRole } from '../../catalog/catalog.ts';
import type { RuleId } from '../../findings/rules.ts';
import { type FieldVisit, isObject, type SchemaWalk, type TypeVisit } from '../schema-walk.ts';

/** What the README lists for each rule beside its id (its severity and summary: findings/rules.ts). */
export interface RuleInfo {
  /** Stable: used in lint.json, in `x-lint-ignore` and in every output format. */
  id: RuleId;
  /** Why a reviewer wants it, in one line. */
  rationale: string;
  /** How to satisfy it, in one line. */
  fix: string;
}

/** The newest version of one subject, as the rules see it. */
export interface LintTarget {
  schema: unknown;
  walk: SchemaWalk;
  /** What the subject is in the catalog: `key` is the message key's schema. */
  role: SubjectRole;
  /** Namespace prefixes the catalog declares in lint.json; empty when it declares none. */
  namespaces: readonly string[];
  /** The subject's version before this one, as written; undefined for a first version. */
  previous?: unknown;
}

export interface Violation {
  /** JSON path of the offending field or type in the .avsc. */
  path: JSONPath;
  message: string;
}

export interface LintRule extends RuleInfo {
  check(target: LintTarget): Violation[];
}

/** `record \`ns.User\``, `field \`User.email\`` — how messages name what they talk about. */
export function describeType(visit: TypeVisit): string {
  const kind = isObject(visit.type) && typeof visit.type.type === 'string' ? visit.type.type : 'type';
  return visit.named ? `${kind} \`${visit.named.fullName}\`` : kind;
}

export function describeField(field: FieldVisit): string {
  const owner = field.record.named?.name;
  return `field \`${owner ? `${owner}.` : ''}${field.name}\``;
}
