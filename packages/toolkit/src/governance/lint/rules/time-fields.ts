import { isObject, nonNullBranch } from '../../schema-walk.ts';
import type { LintRule } from '../rule.ts';
import { describeField } from '../rule.ts';

const TIME_LIKE_NAME = /(At|Date|Time|Timestamp)$|^(date|time|timestamp)$/;
const TIME_LOGICAL_TYPES = new Set([
  'date',
  'time-millis',
  'time-micros',
  'timestamp-millis',
  'timestamp-micros',
  'timestamp-nanos',
  'local-timestamp-millis',
  'local-timestamp-micros',
  'local-timestamp-nanos',
]);

export const timeLogicalType: LintRule = {
  id: 'time-logical-type',
  rationale:
    'a bare long or string says nothing about unit, epoch or zone; a logical type does, and codegen maps it to a date type',
  fix: 'use `{"type": "long", "logicalType": "timestamp-millis"}` (or `date`, `time-millis`, ...) for …At/…Date/…Time',
  check({ walk }) {
    return walk.fields
      .filter((field) => TIME_LIKE_NAME.test(field.name))
      .filter((field) => {
        const type = nonNullBranch(field.field.type);
        return !(isObject(type) && TIME_LOGICAL_TYPES.has(type.logicalType as string));
      })
      .map((field) => ({
        path: [...field.path, 'type'],
        message: `${describeField(field)} looks like a time but has no date/time logical type`,
      }));
  },
};
