import type { Catalog, SubjectEntry } from '../catalog/catalog.ts';
import { compareSchemas } from '../compatibility/check-compatibility.ts';
import { parseSchema } from '../compatibility/parse-schema.ts';
import type { Problem } from '../compatibility/problem.ts';
import type { SchemaNode } from '../compatibility/schema-node.ts';

/**
 * A new version of a shared type, checked against every subject whose newest schema uses it (directly or through
 * other references): each such subject's newest schema, with the type's newest version in place, against that
 * subject's history under that subject's level. Findings name the shared type, the field and the subject.
 */
export function sharedTypeImpact(catalog: Catalog, shared: SubjectEntry): Problem[] {
  const newest = shared.versions.at(-1);
  if (shared.role !== 'type' || !newest || shared.versions.length < 2) return [];
  const definition = newest.expanded;
  return catalog.subjects.flatMap((user) => {
    const current = user.versions.at(-1);
    if (
      user === shared ||
      !current ||
      !(shared.subject in current.namedTypes) ||
      current.ownNames.includes(shared.subject)
    )
      return [];
    const candidate = parseSchema(
      replaceDefinition(current.expanded, shared.subject, definition),
      `${user.subject} with ${shared.subject} v${newest.version}`,
    );
    const history: SchemaNode[] = user.versions.map((v) =>
      parseSchema(v.expanded, `${user.subject} v${v.version}`),
    );
    return compareSchemas(candidate, history, user.compatibility).problems.map((problem) => ({
      ...problem,
      sharedType: shared.subject,
      affectedSubject: user.subject,
      message: `${shared.subject} v${newest.version} breaks ${user.subject} (v${user.versions.length + 1} would pin it) at ${problem.path === '' ? 'the top-level type' : `\`${problem.path}\``}: ${problem.message}`,
    }));
  });
}

/** The schema with the (first, defining) occurrence of the named type `name` replaced by `definition`. */
function replaceDefinition(schema: unknown, name: string, definition: unknown): unknown {
  if (Array.isArray(schema)) return schema.map((item) => replaceDefinition(item, name, definition));
  if (schema === null || typeof schema !== 'object') return schema;
  const node = schema as Record<string, unknown>;
  if (typeof node.name === 'string' && ['record', 'enum', 'fixed'].includes(node.type as string)) {
    const fullName =
      node.name.includes('.') || typeof node.namespace !== 'string'
        ? node.name
        : `${node.namespace}.${node.name}`;
    if (fullName === name) return definition;
  }
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [key, replaceDefinition(value, name, definition)]),
  );
}
