import type avsc from 'avsc';
import { ContractError, type InvalidField } from '../errors.ts';

/** Every field of `value` that `type` rejects, with a dotted path and what was expected. */
export function findInvalidFields(type: avsc.Type, value: unknown): InvalidField[] {
  const fields: InvalidField[] = [];
  type.isValid(value, {
    errorHook: (path: string[], actual: unknown, fieldType: avsc.Type) => {
      fields.push({ path: path.join('.'), message: `expected ${describe(fieldType)}, got ${show(actual)}` });
    },
  });
  return fields;
}

/** The INVALID_VALUE error for `value`, listing every bad field in its message and details. */
export function invalidValueError(
  topic: string,
  type: avsc.Type,
  value: unknown,
  cause?: unknown,
): ContractError {
  const details = findInvalidFields(type, value);
  const summary = details.map((field) => `${field.path || '(value)'}: ${field.message}`).join('; ');
  return new ContractError('INVALID_VALUE', `invalid ${topic} event: ${summary || String(cause)}`, {
    details,
    cause,
  });
}

function describe(type: avsc.Type): string {
  const logical = (type as { tsType?: string }).tsType;
  const name = type.typeName.replace(/^logical:/, '');
  if (logical !== undefined) return `${name} (${logical})`;
  if (type.typeName === 'long') return 'long (an integer within ±(2^53 − 1))';
  if (type.typeName === 'enum') return `one of ${(type as avsc.types.EnumType).symbols.join(', ')}`;
  if (type.typeName.startsWith('union'))
    return `one of ${(type as avsc.types.UnwrappedUnionType).types.map(describe).join(' | ')}`;
  return type.name ?? name;
}

function show(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value instanceof Date)
    return `Date(${Number.isNaN(value.getTime()) ? 'invalid' : value.toISOString()})`;
  if (Buffer.isBuffer(value)) return `Buffer(${value.length} bytes)`;
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch {
    // BigInts and cycles have no JSON form: the type is enough to explain the mismatch.
  }
  if (json === undefined) return typeof value;
  return json.length > 60 ? `${json.slice(0, 57)}...` : json;
}
