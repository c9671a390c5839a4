import type { JSONPath } from 'jsonc-parser';
import { isObject } from '../schema-walk.ts';

export interface JsonChange {
  path: JSONPath;
  description: string;
}

/**
 * What changed between two JSON values, as paths (`fields[2].doc`) with old → new: object key order and
 * whitespace do not count, array order does. An empty list means the two are the same JSON.
 */
export function diffJson(before: unknown, after: unknown, path: JSONPath = []): JsonChange[] {
  if (Array.isArray(before) && Array.isArray(after)) {
    const changes: JsonChange[] = [];
    for (let index = 0; index < Math.max(before.length, after.length); index += 1) {
      if (index >= after.length) changes.push(change([...path, index], 'removed', before[index]));
      else if (index >= before.length) changes.push(change([...path, index], 'added', after[index]));
      else changes.push(...diffJson(before[index], after[index], [...path, index]));
    }
    return changes;
  }
  if (isObject(before) && isObject(after)) {
    const changes: JsonChange[] = [];
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
      if (!(key in after)) changes.push(change([...path, key], 'removed', before[key]));
      else if (!(key in before)) changes.push(change([...path, key], 'added', after[key]));
      else changes.push(...diffJson(before[key], after[key], [...path, key]));
    }
    return changes;
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  return [{ path, description: `${formatJsonPath(path)}: ${brief(before)} → ${brief(after)}` }];
}

function change(path: JSONPath, what: 'added' | 'removed', value: unknown): JsonChange {
  return { path, description: `${formatJsonPath(path)} ${what} (${brief(value)})` };
}

/** `fields[2].type`, or `(the whole document)` for the root. */
export function formatJsonPath(path: JSONPath): string {
  const text = path.map((segment) => (typeof segment === 'number' ? `[${segment}]` : `.${segment}`)).join('');
  return text === '' ? '(the whole document)' : text.replace(/^\./, '');
}

function brief(value: unknown): string {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
