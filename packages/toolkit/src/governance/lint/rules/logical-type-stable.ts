import { type FieldVisit, isObject, nonNullBranch, walkSchema } from '../../schema-walk.ts';
import type { LintRule, Violation } from '../rule.ts';
import { describeField } from '../rule.ts';

/** What the number (or bytes) of a logical type counts. */
const MEANING: Record<string, string> = {
  date: 'days since 1970-01-01',
  'time-millis': 'milliseconds after midnight',
  'time-micros': 'microseconds after midnight',
  'timestamp-millis': 'milliseconds since 1970 (UTC)',
  'timestamp-micros': 'microseconds since 1970 (UTC)',
  'timestamp-nanos': 'nanoseconds since 1970 (UTC)',
  'local-timestamp-millis': 'milliseconds since 1970 (local time)',
  'local-timestamp-micros': 'microseconds since 1970 (local time)',
  'local-timestamp-nanos': 'nanoseconds since 1970 (local time)',
};

export const logicalTypeStable: LintRule = {
  id: 'logical-type-stable',
  rationale:
    'schema resolution ignores logical types: a field that goes from `date` (days) to `timestamp-millis` is promoted int → long, and every value written before is read as milliseconds, silently another instant',
  fix: 'keep the logical type (and decimal scale) of a field; for a new unit add a new field and stop writing the old one',
  check({ walk, previous }) {
    if (previous === undefined) return [];
    const before = fieldsByName(walkSchema(previous).fields);
    const violations: Violation[] = [];
    for (const field of walk.fields) {
      const now = logicalTypeOf(field);
      const was = [field.name, ...aliasesOf(field)]
        .map((name) => before.get(`${recordOf(field)}.${name}`))
        .find((old) => old !== undefined);
      const then = was && logicalTypeOf(was);
      if (!now || !then || now === then) continue;
      violations.push({
        path: [...field.path, 'type'],
        message: `${describeField(field)} was \`${then}\` (${meaningOf(then)}) in the previous version and is \`${now}\` (${meaningOf(now)}): readers take the values written before as they are, so they read as another ${then.startsWith('decimal') ? 'amount' : 'time'}`,
      });
    }
    return violations;
  },
};

function fieldsByName(fields: readonly FieldVisit[]): Map<string, FieldVisit> {
  return new Map(fields.map((field) => [`${recordOf(field)}.${field.name}`, field]));
}

function recordOf(field: FieldVisit): string {
  return field.record.named?.fullName ?? '';
}

function aliasesOf(field: FieldVisit): string[] {
  const aliases = field.field.aliases;
  return Array.isArray(aliases) ? aliases.filter((alias): alias is string => typeof alias === 'string') : [];
}

/** `timestamp-millis`, or `decimal(scale 2)`: a decimal's scale is part of what its bytes mean. */
function logicalTypeOf(field: FieldVisit): string | undefined {
  const type = nonNullBranch(field.field.type);
  if (!isObject(type) || typeof type.logicalType !== 'string') return undefined;
  if (type.logicalType !== 'decimal') return type.logicalType;
  return `decimal(scale ${Number.isInteger(type.scale) ? type.scale : 0})`;
}

function meaningOf(logical: string): string {
  const scale = /^decimal\(scale (\d+)\)$/.exec(logical)?.[1];
  return MEANING[logical] ?? (scale === undefined ? logical : `the unscaled number × 10^-${scale}`);
}
