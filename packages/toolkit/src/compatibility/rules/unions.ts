import type { Incompatibility, Resolve } from '../incompatibility.ts';
import type { SchemaNode, UnionNode } from '../schema-node.ts';
import { namesMatch } from './names.ts';

/** Every branch the writer may write must be readable: each writer branch is resolved on its own. */
export function checkWriterUnion(
  reader: SchemaNode,
  writer: UnionNode,
  path: readonly string[],
  resolve: Resolve,
) {
  return writer.branches.flatMap((branch) =>
    resolve(reader, branch, path).map((finding) =>
      finding.type === 'TYPE_MISMATCH' && finding.path === path ? { ...finding, writer, branch } : finding,
    ),
  );
}

/**
 * A non-union writer must fit some reader branch. When none fits, the findings of the branch of the same kind
 * (say, the same record) explain more than "no branch" does; the verdict is the same either way.
 */
export function checkReaderUnion(
  reader: UnionNode,
  writer: SchemaNode,
  path: readonly string[],
  resolve: Resolve,
) {
  let closest: Incompatibility[] | undefined;
  for (const branch of reader.branches) {
    const findings = resolve(branch, writer, path);
    if (findings.length === 0) return [];
    if (closest === undefined && sameKind(branch, writer)) closest = findings;
  }
  return closest ?? [{ type: 'MISSING_UNION_BRANCH' as const, path, reader, writer }];
}

function sameKind(a: SchemaNode, b: SchemaNode): boolean {
  if (a.type !== b.type) return false;
  if (a.type === 'record' || a.type === 'enum' || a.type === 'fixed') return namesMatch(a, b as typeof a);
  return true;
}
