import type { SubjectRole } from '../../src/catalog/catalog.ts';
import type { SchemaReference } from '../../src/topic-descriptor.ts';
import {
  definitionsIn,
  fullNameOf,
  isNamedDefinition,
  isObject,
  type Json,
  type JsonObject,
  namespaceOf,
  type Path,
} from './avro-json.ts';
import { type CatalogFiles, newestOf, withVersion } from './catalog-files.ts';
import { resolveAsConfluent } from './confluent-resolution.ts';
import type { Context, Edit } from './edit.ts';
import { fieldEdits } from './field-edits.ts';
import { enumEdits, fixedEdits, recordEdits } from './named-type-edits.ts';
import { defaultFits, defaultFor } from './schema-defaults.ts';
import { pinEdits, unionSubjectEdits } from './subject-edits.ts';

/** One single-change variant of a catalog: the next version of one subject (and any subject it now needs). */
export interface Variant {
  id: string;
  /** The subject that got a new version. */
  subject: string;
  /** The change, without its place: what disagreements are grouped by. */
  kind: string;
  catalog: CatalogFiles;
}

/**
 * Every single change the generator knows, applied to the newest version of every subject of `base`: fields
 * added and removed with and without defaults, defaults, renames and aliases, type promotions, narrowings and
 * logical types, unions, enum symbols and defaults, fixed sizes, namespaces, reference pins, union members and
 * inline types moved to a shared subject.
 */
export function generateMutations(base: CatalogFiles, roles: ReadonlyMap<string, SubjectRole>): Variant[] {
  const variants: Variant[] = [];
  for (const subject of Object.keys(base.subjects).sort()) {
    const newest = newestOf(base, subject);
    const role = roles.get(subject);
    if (!role) throw new Error(`no role for ${subject}`);
    const texts = resolveAsConfluent(base, subject, newest.version).map((text) => JSON.parse(text) as Json);
    const context: Context = {
      catalog: base,
      subject,
      role,
      schema: newest.schema as Json,
      references: newest.references,
      definitions: definitionsIn(texts),
    };
    for (const edit of editsOf(context)) {
      let catalog = base;
      for (const [name, files] of Object.entries(edit.newSubjects ?? {}))
        catalog = { ...catalog, subjects: { ...catalog.subjects, [name]: files } };
      const schema = repairDefaults(edit.schema, context, edit.references ?? newest.references, catalog);
      catalog = withVersion(catalog, subject, { schema, references: edit.references ?? newest.references });
      variants.push({
        id: `${subject} v${newest.version + 1}: ${edit.kind} (${edit.where})`,
        subject,
        kind: edit.kind,
        catalog,
      });
    }
  }
  return variants;
}

function* editsOf(context: Context): Generator<Edit> {
  yield* walk(context, context.schema, [], '', true);
  yield* pinEdits(context);
  if (context.role === 'value' && Array.isArray(context.schema)) yield* unionSubjectEdits(context);
}

function* walk(context: Context, node: Json, path: Path, namespace: string, top: boolean): Generator<Edit> {
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i += 1)
      yield* walk(context, node[i] as Json, [...path, i], namespace, false);
    return;
  }
  if (!isObject(node)) return;
  if (isNamedDefinition(node)) {
    const fullName = fullNameOf(node, namespace);
    // A type or event subject is named after its top-level type: renaming it is a catalog error, not a change.
    const renamable = !(top && (context.role === 'type' || context.role === 'event'));
    if (node.type === 'record') {
      yield* recordEdits(context, node, path, fullName, renamable);
      const inner = namespaceOf(node, namespace);
      const fields = node.fields as JsonObject[];
      for (let i = 0; i < fields.length; i += 1) {
        yield* fieldEdits(context, path, i, fullName);
        yield* walk(
          context,
          (fields[i] as JsonObject).type ?? null,
          [...path, 'fields', i, 'type'],
          inner,
          false,
        );
      }
    } else if (node.type === 'enum') {
      yield* enumEdits(context, node, path, fullName, renamable);
    } else if (node.type === 'fixed') {
      yield* fixedEdits(context, node, path, fullName, renamable);
    }
    return;
  }
  if (node.type === 'array') yield* walk(context, node.items ?? null, [...path, 'items'], namespace, false);
  if (node.type === 'map') yield* walk(context, node.values ?? null, [...path, 'values'], namespace, false);
}

/** Field defaults an edit made invalid elsewhere in the schema (an enum symbol removed) get a valid one. */
function repairDefaults(
  schema: Json,
  context: Context,
  references: SchemaReference[],
  catalog: CatalogFiles,
): Json {
  const referenced = references.flatMap((reference) => {
    const version = catalog.subjects[reference.subject]?.versions[reference.version - 1];
    return version ? [version.schema as Json] : [];
  });
  const definitions = new Map([...context.definitions, ...definitionsIn([...referenced, schema])]);
  const copy = structuredClone(schema);
  const visit = (node: Json): void => {
    if (Array.isArray(node)) node.forEach(visit);
    if (!isObject(node)) return;
    if (node.type === 'record' && Array.isArray(node.fields)) {
      for (const field of node.fields as JsonObject[]) {
        if (field.default !== undefined && !defaultFits(field.type ?? null, field.default, definitions)) {
          const value = defaultFor(field.type ?? null, definitions);
          if (value === undefined) delete field.default;
          else field.default = value;
        }
        visit(field.type ?? null);
      }
    }
    if (node.type === 'array') visit(node.items ?? null);
    if (node.type === 'map') visit(node.values ?? null);
  };
  visit(copy);
  return copy;
}
