import type { Incompatibility, PathSegment, Resolve } from './incompatibility.ts';
import { checkArray, checkMap } from './rules/collections.ts';
import { checkEnum } from './rules/enums.ts';
import { checkFixed } from './rules/fixed.ts';
import { checkPromotion } from './rules/primitives.ts';
import { checkRecord } from './rules/records.ts';
import { checkReaderUnion, checkWriterUnion } from './rules/unions.ts';
import type { SchemaNode } from './schema-node.ts';

const IN_PROGRESS = Symbol('in progress');

/**
 * Lists why `reader` cannot read data written with `writer` (empty when it can), following Avro's Java
 * `SchemaCompatibility`: same dispatch, and a memo keyed on node identity that treats a pair met again while
 * still being checked (a recursive type) as compatible.
 */
export function resolveReaderWriter(reader: SchemaNode, writer: SchemaNode): Incompatibility[] {
  const memo = new Map<SchemaNode, Map<SchemaNode, Incompatibility[] | typeof IN_PROGRESS>>();
  const resolve: Resolve = (r, w, path) => {
    let byWriter = memo.get(r);
    if (!byWriter) {
      byWriter = new Map();
      memo.set(r, byWriter);
    }
    const known = byWriter.get(w);
    if (known === IN_PROGRESS) return [];
    if (known) return known;
    byWriter.set(w, IN_PROGRESS);
    const findings = calculate(r, w, path, resolve);
    byWriter.set(w, findings);
    return findings;
  };
  return resolve(reader, writer, []);
}

function calculate(reader: SchemaNode, writer: SchemaNode, path: readonly PathSegment[], resolve: Resolve) {
  if (reader.type === writer.type) {
    switch (reader.type) {
      case 'record':
        return checkRecord(reader, writer as typeof reader, path, resolve);
      case 'enum':
        return checkEnum(reader, writer as typeof reader, path);
      case 'fixed':
        return checkFixed(reader, writer as typeof reader, path);
      case 'array':
        return checkArray(reader, writer as typeof reader, path, resolve);
      case 'map':
        return checkMap(reader, writer as typeof reader, path, resolve);
      case 'union':
        return checkWriterUnion(reader, writer as typeof reader, path, resolve);
      default:
        return [];
    }
  }
  if (writer.type === 'union') return checkWriterUnion(reader, writer, path, resolve);
  if (reader.type === 'union') return checkReaderUnion(reader, writer, path, resolve);
  return checkPromotion(reader, writer, path);
}
