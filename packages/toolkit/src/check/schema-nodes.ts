import type { SubjectEntry } from '../catalog/catalog.ts';
import type { SchemaNode } from '../compatibility/schema-node.ts';

/**
 * The schema node of every version, as the catalog loader read it (references resolved at their pinned
 * versions), for the compatibility check to reuse: a catalog that loads has only valid schemas.
 */
export function schemaNodesOf(entry: SubjectEntry): SchemaNode[] {
  return entry.versions.map((version) => version.node);
}
