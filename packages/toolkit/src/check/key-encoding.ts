import type { FieldNode, LogicalTypeNode, RecordNode, SchemaNode } from '../compatibility/schema-node.ts';
import { describeType } from '../compatibility/schema-node.ts';
import { type Finding, findingOf } from '../findings/finding.ts';

/**
 * Kafka partitions by the key's bytes: a key schema under which some key an earlier version can hold encodes to
 * other bytes sends that key to another partition, so per-key order breaks whatever the compatibility level says.
 */
export function keyEncodingChanges(versions: readonly SchemaNode[]): Finding[] {
  const newest = versions.at(-1);
  if (!newest) return [];
  return versions.slice(0, -1).flatMap((old, index) => {
    const reason = byteChange(newest, old, '', new Set());
    if (reason === undefined) return [];
    return [
      findingOf('key-encoding-changed', {
        message: `the key schema encodes differently from v${index + 1} (${reason}): the same key gets other bytes, so another partition, and events of one key written before and after the change lose their order`,
        fix: 'keep the key schema byte-compatible (same fields, types and order); change keys only with a new topic and a migration',
      }),
    ];
  });
}

/**
 * Why some value `older` can hold encodes to other bytes under `newer`, or undefined when none does. Fields are
 * the same value when their names match (or one's aliases name the other); docs, defaults, names and symbols
 * appended to an enum or branches appended to a union change no existing value's bytes, and int and long
 * write the same zig-zag varint.
 */
function byteChange(
  newer: SchemaNode,
  older: SchemaNode,
  where: string,
  seen: Set<string>,
): string | undefined {
  const at = where === '' ? 'the key' : `\`${where}\``;
  const sameNumber = newer.type === 'long' && older.type === 'int';
  if (newer.type !== older.type && !sameNumber)
    return `${at} changed from ${describeType(older)} to ${describeType(newer)}`;
  const logical = logicalChange(newer, older);
  if (logical) return `${at} changed from ${logical}`;
  switch (older.type) {
    case 'record': {
      const pair = `${older.fullName}→${(newer as RecordNode).fullName}`;
      if (seen.has(pair)) return undefined;
      seen.add(pair);
      return recordChange(newer as RecordNode, older, where, seen);
    }
    case 'enum': {
      const symbols = (newer as typeof older).symbols;
      const moved = older.symbols.find((symbol, index) => symbols[index] !== symbol);
      return moved === undefined
        ? undefined
        : `${at} no longer writes symbol ${moved} at index ${older.symbols.indexOf(moved)}`;
    }
    case 'fixed': {
      const size = (newer as typeof older).size;
      return size === older.size ? undefined : `${at} changed size from ${older.size} to ${size} bytes`;
    }
    case 'array':
      return byteChange((newer as typeof older).items, older.items, `${where}[]`, seen);
    case 'map':
      return byteChange((newer as typeof older).values, older.values, `${where}{}`, seen);
    case 'union': {
      const branches = (newer as typeof older).branches;
      for (const [index, branch] of older.branches.entries()) {
        const now = branches[index];
        if (!now) return `${at} lost its branch ${describeType(branch)}`;
        const change = byteChange(now, branch, where, seen);
        if (change) return `${at} no longer writes ${describeType(branch)} as branch ${index}: ${change}`;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

function recordChange(newer: RecordNode, older: RecordNode, where: string, seen: Set<string>) {
  const path = (field: FieldNode) => (where === '' ? field.name : `${where}.${field.name}`);
  for (const [index, field] of newer.fields.entries()) {
    const was = older.fields.findIndex((old) => sameField(field, old));
    if (was === -1 && older.fields.length < newer.fields.length) return `\`${path(field)}\` was added`;
    if (was !== -1 && was !== index)
      return `\`${path(field)}\` moved from position ${was + 1} to ${index + 1}`;
  }
  const removed = older.fields.find((old) => !newer.fields.some((field) => sameField(field, old)));
  if (removed && older.fields.length > newer.fields.length) return `\`${path(removed)}\` was removed`;
  for (const [index, field] of newer.fields.entries()) {
    const old = older.fields[index];
    const change = old && byteChange(field.type, old.type, path(field), seen);
    if (change) return change;
  }
  return undefined;
}

function sameField(a: FieldNode, b: FieldNode): boolean {
  return a.name === b.name || a.aliases.includes(b.name) || b.aliases.includes(a.name);
}

/** A logical type that turns one value into other bytes: another unit (millis/micros/days) or decimal scale. */
function logicalChange(newer: SchemaNode, older: SchemaNode): string | undefined {
  const before = 'logical' in older ? older.logical : undefined;
  const after = 'logical' in newer ? newer.logical : undefined;
  if (!before || !after || logicalName(before) === logicalName(after)) return undefined;
  return `${logicalName(before)} to ${logicalName(after)}`;
}

function logicalName(logical: LogicalTypeNode): string {
  return logical.scale === undefined ? logical.name : `${logical.name} (scale ${logical.scale})`;
}
