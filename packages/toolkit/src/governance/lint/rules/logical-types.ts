import { isObject, type JsonObject, type TypeVisit } from '../../schema-walk.ts';
import type { LintRule, Violation } from '../rule.ts';

/** The underlying types the Avro specification allows per logical type (decimal is the decimal rule's). */
const UNDERLYING: Record<string, (type: JsonObject) => boolean> = {
  date: (type) => type.type === 'int',
  'time-millis': (type) => type.type === 'int',
  'time-micros': (type) => type.type === 'long',
  'timestamp-millis': (type) => type.type === 'long',
  'timestamp-micros': (type) => type.type === 'long',
  'timestamp-nanos': (type) => type.type === 'long',
  'local-timestamp-millis': (type) => type.type === 'long',
  'local-timestamp-micros': (type) => type.type === 'long',
  'local-timestamp-nanos': (type) => type.type === 'long',
  uuid: (type) => type.type === 'string' || (type.type === 'fixed' && type.size === 16),
  duration: (type) => type.type === 'fixed' && type.size === 12,
};

const logicalTypesIn = (visits: readonly TypeVisit[]) =>
  visits.filter(
    (visit): visit is TypeVisit & { type: JsonObject } => isObject(visit.type) && 'logicalType' in visit.type,
  );

export const logicalTypeValid: LintRule = {
  id: 'logical-type-valid',
  rationale:
    'Avro silently ignores an unknown logical type or one on the wrong underlying type, so readers get raw numbers or bytes',
  fix: 'use a logical type the Avro specification defines, on its underlying type (timestamp-millis on long, date on int, ...)',
  check({ walk }) {
    const violations: Violation[] = [];
    for (const visit of logicalTypesIn(walk.types)) {
      const logical = visit.type.logicalType;
      if (logical === 'decimal') continue;
      const fits = typeof logical === 'string' ? UNDERLYING[logical] : undefined;
      if (!fits) {
        violations.push({
          path: [...visit.path, 'logicalType'],
          message: `unknown logical type ${JSON.stringify(logical)}`,
        });
      } else if (!fits(visit.type)) {
        violations.push({
          path: [...visit.path, 'logicalType'],
          message: `logical type \`${logical}\` cannot annotate \`${String(visit.type.type)}\``,
        });
      }
    }
    return violations;
  },
};

export const decimalPrecisionScale: LintRule = {
  id: 'decimal-precision-scale',
  rationale:
    'an invalid decimal is silently read as plain bytes by Avro; precision and scale are part of the contract for money',
  fix: 'on bytes or fixed, set an integer `precision` ≥ 1 (that the fixed size can hold) and `scale` between 0 and precision',
  check({ walk }) {
    const violations: Violation[] = [];
    for (const visit of logicalTypesIn(walk.types)) {
      if (visit.type.logicalType !== 'decimal') continue;
      const problem = decimalProblem(visit.type);
      if (problem) violations.push({ path: visit.path, message: `decimal ${problem}` });
    }
    return violations;
  },
};

function decimalProblem(type: JsonObject): string | undefined {
  const { precision, scale = 0, size } = type;
  if (type.type !== 'bytes' && type.type !== 'fixed')
    return `must annotate bytes or fixed, not \`${String(type.type)}\``;
  if (!Number.isInteger(precision) || (precision as number) < 1) return 'needs an integer precision ≥ 1';
  if (!Number.isInteger(scale) || (scale as number) < 0 || (scale as number) > (precision as number))
    return `scale ${JSON.stringify(scale)} must be an integer between 0 and the precision ${precision}`;
  if (type.type === 'fixed' && Number.isInteger(size)) {
    const most = maxDigits(size as number);
    if ((precision as number) > most)
      return `precision ${precision} does not fit in ${size} bytes (at most ${most})`;
  }
  return undefined;
}

/** The most decimal digits a signed two's-complement number of `size` bytes always holds. */
function maxDigits(size: number): number {
  return (2n ** BigInt(8 * size - 1) - 1n).toString().length - 1;
}
