import type { AvroIncompatibility } from '../findings/finding.ts';
import type { FieldNode, SchemaNode } from './schema-node.ts';

/** A field name, `[]` for array items or `{}` for map values. */
export type PathSegment = string;

/** One reason a reader schema cannot read data written with a writer schema, in reader/writer terms (Java's name). */
export interface Incompatibility {
  type: AvroIncompatibility;
  path: readonly PathSegment[];
  reader: SchemaNode;
  writer: SchemaNode;
  /** READER_FIELD_MISSING_DEFAULT_VALUE: the reader's field the writer lacks. */
  field?: FieldNode;
  /** MISSING_ENUM_SYMBOLS: writer symbols the reader lacks, sorted. */
  symbols?: string[];
  /** TYPE_MISMATCH inside a union: the branch of the union side that does not fit the other side. */
  branch?: SchemaNode;
}

/** Renders `['address', 'zip']` as `address.zip` and `['items', '[]', 'price']` as `items[].price`. */
export function formatPath(path: readonly PathSegment[]): string {
  return path.reduce((text, segment) => {
    if (segment === '[]' || segment === '{}') return text + segment;
    return text === '' ? segment : `${text}.${segment}`;
  }, '');
}

/** Recursive resolution entry point handed to each rule family, so rules recurse through the memo. */
export type Resolve = (
  reader: SchemaNode,
  writer: SchemaNode,
  path: readonly PathSegment[],
) => Incompatibility[];
