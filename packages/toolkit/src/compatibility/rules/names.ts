import type { Incompatibility } from '../incompatibility.ts';
import type { EnumNode, FixedNode, RecordNode } from '../schema-node.ts';

type NamedNode = RecordNode | EnumNode | FixedNode;

/** Java compares unqualified names, then the reader's (qualified) aliases against the writer's full name. */
export function namesMatch(reader: NamedNode, writer: NamedNode): boolean {
  return reader.name === writer.name || reader.aliases.includes(writer.fullName);
}

export function checkNames(reader: NamedNode, writer: NamedNode, path: readonly string[]): Incompatibility[] {
  return namesMatch(reader, writer) ? [] : [{ type: 'NAME_MISMATCH', path, reader, writer }];
}
