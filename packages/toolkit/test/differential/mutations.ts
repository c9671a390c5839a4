import type { SchemaReference, SubjectRole } from '../../src/catalog/catalog.ts';
import {
  definitionsIn,
  fullNameOf,
  isNamedDefinition,
  isNameReference,
  isObject,
  type Json,
  type JsonObject,
  namespaceOf,
  type Path,
  updateAt,
} from './avro-json.ts';
import { type CatalogFiles, newestOf, type SubjectFiles, withVersion } from './catalog-files.ts';
import { referencedSubjects, resolveAsConfluent } from './confluent-resolution.ts';
import { type Definitions, defaultFits, defaultFor } from './schema-defaults.ts';
import { typeChanges } from './type-changes.ts';

/** One single-change variant of a catalog: the next version of one subject (and any subject it now needs). */
export interface Variant {
  id: string;
  /** The subject that got a new version. */
  subject: string;
  /** The change, without its place: what disagreements are grouped by. */
  kind: string;
  catalog: CatalogFiles;
}

interface Edit {
  kind: string;
  where: string;
  schema: Json;
  references?: SchemaReference[];
  newSubjects?: Record<string, SubjectFiles>;
}

interface Context {
  catalog: CatalogFiles;
  subject: string;
  role: SubjectRole;
  schema: Json;
  references: SchemaReference[];
  definitions: Definitions;
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

const shortName = (fullName: string) => fullName.slice(fullName.lastIndexOf('.') + 1);

function* recordEdits(
  context: Context,
  record: JsonObject,
  path: Path,
  fullName: string,
  renamable: boolean,
): Generator<Edit> {
  const where = shortName(fullName);
  const fields = record.fields as JsonObject[];
  const change = (kind: string, apply: (node: JsonObject) => void, references?: SchemaReference[]): Edit => ({
    kind,
    where,
    schema: updateAt(context.schema, path, (node) => {
      apply(node as JsonObject);
      return node;
    }),
    ...(references && { references }),
  });
  const added = (field: JsonObject) => (node: JsonObject) => {
    (node.fields as JsonObject[]).push(field);
  };
  const withDefault: [string, Json, Json][] = [
    ['optional string', ['null', 'string'], null],
    ['int', 'int', 0],
    ['string', 'string', ''],
    ['long', 'long', 0],
    ['double', 'double', 0],
    ['array', { type: 'array', items: 'string' }, []],
    ['map', { type: 'map', values: 'long' }, {}],
    ['timestamp-millis', { type: 'long', logicalType: 'timestamp-millis' }, 0],
  ];
  for (const [label, type, value] of withDefault)
    yield change(
      `field added with a default (${label})`,
      added({ name: `added_${fields.length}`, type, default: value }),
    );
  const currency = referenceTo(context, 'shop.common.Currency');
  if (currency)
    yield change(
      'field added with a default (shared enum)',
      added({ name: 'addedCurrency', type: 'shop.common.Currency', default: 'EUR' }),
      currency,
    );
  const money = referenceTo(context, 'shop.common.Money');
  if (money)
    yield change(
      'field added with a default (optional shared record)',
      added({ name: 'addedMoney', type: ['null', 'shop.common.Money'], default: null }),
      money,
    );
  for (const [label, type] of [
    ['string', 'string'],
    ['int', 'int'],
    ['optional string', ['null', 'string']],
  ] as [string, Json][])
    yield change(`field added without a default (${label})`, added({ name: `added_${fields.length}`, type }));
  const address = referenceTo(context, 'shop.common.Address');
  if (address)
    yield change(
      'field added without a default (shared record)',
      added({ name: 'addedAddress', type: 'shop.common.Address' }),
      address,
    );
  if (fields.length >= 2)
    yield change('fields reordered', (node) => {
      const list = node.fields as JsonObject[];
      [list[0], list[1]] = [list[1] as JsonObject, list[0] as JsonObject];
    });
  yield change('record alias added', (node) => {
    node.aliases = [`${fullName}Legacy`];
  });
  yield change('record doc changed', (node) => {
    node.doc = 'Changed documentation.';
  });
  if (!renamable) return;
  const renamed = `${fullName}V2`;
  const moved = `shop.moved.${shortName(fullName)}`;
  yield retarget(
    change('record renamed', (node) => {
      node.name = `${shortName(fullName)}V2`;
    }),
    fullName,
    renamed,
  );
  yield retarget(
    change('record renamed with an alias', (node) => {
      node.name = `${shortName(fullName)}V2`;
      node.aliases = [fullName];
    }),
    fullName,
    renamed,
  );
  yield retarget(
    change('namespace moved', (node) => {
      node.name = shortName(fullName);
      node.namespace = 'shop.moved';
    }),
    fullName,
    moved,
  );
  yield retarget(
    change('namespace moved with an alias', (node) => {
      node.name = shortName(fullName);
      node.namespace = 'shop.moved';
      node.aliases = [fullName];
    }),
    fullName,
    moved,
  );
  if (path.at(-1) === 'type') yield extraction(context, record, path, fullName);
}

/**
 * A renamed type's uses in the schema (a recursive record's own field, `"Hop"` or its full name) follow it, by its
 * new full name. The first use of a name that is not a type definition is the renamed definition's own `name`.
 */
function retarget(edit: Edit, from: string, to: string): Edit {
  const short = shortName(from);
  const visit = (node: Json, key: string | undefined): Json => {
    if (typeof node === 'string')
      return key !== 'name' && key !== 'namespace' && (node === from || node === short) ? to : node;
    if (Array.isArray(node))
      return key === 'aliases' || key === 'symbols' ? node : node.map((item) => visit(item, undefined));
    if (!isObject(node)) return node;
    return Object.fromEntries(
      Object.entries(node).map(([k, v]) => [k, k === 'default' || k === 'doc' ? v : visit(v, k)]),
    );
  };
  return { ...edit, schema: visit(edit.schema, undefined) };
}

/** The references with one more, to the newest version of `type`; undefined when the subject cannot use it. */
function referenceTo(context: Context, type: string): SchemaReference[] | undefined {
  if (context.subject === type) return undefined;
  const files = context.catalog.subjects[type];
  if (!files) return undefined;
  const version = files.versions.length;
  if (referencedSubjects(context.catalog, type, version).has(context.subject)) return undefined;
  if (context.references.some((reference) => reference.name === type)) return context.references;
  return [...context.references, { name: type, subject: type, version }];
}

function* fieldEdits(context: Context, recordPath: Path, index: number, recordName: string): Generator<Edit> {
  const fieldsPath = [...recordPath, 'fields'];
  const fields = fieldsAt(context.schema, fieldsPath);
  const field = fields[index] as JsonObject;
  const name = field.name as string;
  const type = field.type ?? null;
  const hasDefault = field.default !== undefined;
  const where = `${shortName(recordName)}.${name}`;
  const change = (kind: string, apply: (node: JsonObject) => void): Edit => ({
    kind,
    where,
    schema: updateAt(context.schema, [...fieldsPath, index], (node) => {
      apply(node as JsonObject);
      return node;
    }),
  });
  const retype = (kind: string, next: Json): Edit =>
    change(kind, (node) => {
      node.type = next;
      if (node.default !== undefined && !defaultFits(next, node.default, context.definitions)) {
        const value = defaultFor(next, context.definitions);
        if (value === undefined) delete node.default;
        else node.default = value;
      }
    });

  if (fields.length > 1)
    yield {
      kind: hasDefault ? 'field removed (had a default)' : 'field removed (no default)',
      where,
      schema: updateAt(context.schema, fieldsPath, (list) => (list as Json[]).filter((_, i) => i !== index)),
    };
  if (hasDefault) {
    yield change('field default removed', (node) => {
      delete node.default;
    });
  } else {
    const value = defaultFor(type, context.definitions);
    if (value !== undefined)
      yield change('field default added', (node) => {
        node.default = value;
      });
  }
  yield change(hasDefault ? 'field renamed (had a default)' : 'field renamed (no default)', (node) => {
    node.name = `${name}Renamed`;
  });
  yield change('field renamed with an alias', (node) => {
    node.name = `${name}Renamed`;
    node.aliases = [name];
  });
  for (const [label, next] of typeChanges(type)) yield retype(`type ${label}`, next);

  if (Array.isArray(type)) {
    yield* unionFieldEdits(type, change, retype);
    return;
  }
  if (isNameReference(type)) yield retype('named type → string', 'string');
  if (isObject(type) && type.type === 'array')
    for (const [label, next] of typeChanges(type.items ?? null).slice(0, 2))
      yield retype(`array items ${label}`, { ...type, items: next });
  if (isObject(type) && type.type === 'map')
    for (const [label, next] of typeChanges(type.values ?? null).slice(0, 2))
      yield retype(`map values ${label}`, { ...type, values: next });
  yield change('made nullable (default null)', (node) => {
    node.type = ['null', type];
    node.default = null;
  });
}

function fieldsAt(schema: Json, path: Path): Json[] {
  let node: Json = schema;
  for (const key of path) node = (node as Record<string | number, Json>)[key] as Json;
  return node as Json[];
}

function* unionFieldEdits(
  union: Json[],
  change: (kind: string, apply: (node: JsonObject) => void) => Edit,
  retype: (kind: string, next: Json) => Edit,
): Generator<Edit> {
  const present = new Set(union.map((branch) => (isObject(branch) ? branch.type : branch)));
  const absent = ['int', 'string', 'long', 'double', 'boolean'].find((t) => !present.has(t));
  if (absent) yield retype('union branch added', [...union, absent]);
  for (let i = 0; i < union.length && union.length >= 2; i += 1)
    yield retype(
      i === 0 ? 'union branch removed (first)' : 'union branch removed',
      union.filter((_, j) => j !== i),
    );
  if (union.length === 2 && union.includes('null')) {
    const other = union.find((branch) => branch !== 'null') as Json;
    yield change('nullable made required', (node) => {
      node.type = other;
      if (node.default === null) delete node.default;
    });
  }
  if (union.length >= 2) {
    const swapped = [union[1], union[0], ...union.slice(2)] as Json[];
    yield change('union branches reordered', (node) => {
      node.type = swapped;
      // A union's default is of its first branch; a default that no longer fits goes.
      if (node.default !== undefined) delete node.default;
    });
  }
  for (let i = 0; i < union.length; i += 1) {
    const [first] = typeChanges(union[i] as Json).filter(
      ([, next]) => !union.some((b) => JSON.stringify(b) === JSON.stringify(next)),
    );
    if (!first) continue;
    const [label, next] = first;
    yield retype(
      `union branch ${label}`,
      union.map((branch, j) => (j === i ? next : branch)),
    );
  }
}

function* enumEdits(
  context: Context,
  definition: JsonObject,
  path: Path,
  fullName: string,
  renamable: boolean,
): Generator<Edit> {
  const where = shortName(fullName);
  const symbols = definition.symbols as string[];
  const hasDefault = typeof definition.default === 'string';
  const change = (kind: string, apply: (node: JsonObject) => void): Edit => ({
    kind,
    where,
    schema: updateAt(context.schema, path, (node) => {
      apply(node as JsonObject);
      return node;
    }),
  });
  const suffix = hasDefault ? ' (enum has a default)' : ' (no enum default)';
  yield change(`enum symbol appended${suffix}`, (node) => {
    node.symbols = [...symbols, 'ADDED'];
  });
  yield change(`enum symbol prepended${suffix}`, (node) => {
    node.symbols = ['ADDED', ...symbols];
  });
  if (symbols.length >= 2)
    yield change('enum symbols reordered', (node) => {
      node.symbols = [symbols[1], symbols[0], ...symbols.slice(2)] as string[];
    });
  for (let i = 0; i < symbols.length && symbols.length >= 2; i += 1) {
    const removed = symbols[i];
    const isDefault = definition.default === removed;
    yield change(`enum symbol removed${isDefault ? ' (its default)' : suffix}`, (node) => {
      node.symbols = symbols.filter((_, j) => j !== i);
      if (isDefault) node.default = symbols.find((s) => s !== removed) as string;
    });
  }
  if (hasDefault) {
    yield change('enum default removed', (node) => {
      delete node.default;
    });
    yield change('enum default changed', (node) => {
      node.default = symbols.find((s) => s !== definition.default) as string;
    });
  } else {
    yield change('enum default added', (node) => {
      node.default = symbols[0] as string;
    });
  }
  if (!renamable) return;
  yield retarget(
    change('enum renamed with an alias', (node) => {
      node.name = `${shortName(fullName)}V2`;
      node.aliases = [fullName];
    }),
    fullName,
    `${fullName}V2`,
  );
  if (path.at(-1) === 'type') yield extraction(context, definition, path, fullName);
}

function* fixedEdits(
  context: Context,
  definition: JsonObject,
  path: Path,
  fullName: string,
  renamable: boolean,
): Generator<Edit> {
  const where = shortName(fullName);
  const size = definition.size as number;
  const change = (kind: string, apply: (node: JsonObject) => void): Edit => ({
    kind,
    where,
    schema: updateAt(context.schema, path, (node) => {
      apply(node as JsonObject);
      return node;
    }),
  });
  yield change('fixed size grown', (node) => {
    node.size = size + 1;
  });
  if (size > 1)
    yield change('fixed size shrunk', (node) => {
      node.size = size - 1;
    });
  yield change('fixed alias added', (node) => {
    node.aliases = [`${fullName}Legacy`];
  });
  if (renamable)
    yield retarget(
      change('fixed renamed with an alias', (node) => {
        node.name = `${shortName(fullName)}V2`;
        node.aliases = [fullName];
      }),
      fullName,
      `${fullName}V2`,
    );
  if (renamable && path.at(-1) === 'type') yield extraction(context, definition, path, fullName);
}

/** An inline named type moved to a subject of its own and referenced (a field's type only). */
function extraction(context: Context, definition: JsonObject, path: Path, fullName: string): Edit {
  const dot = fullName.lastIndexOf('.');
  const own = {
    ...definition,
    name: shortName(fullName),
    namespace: dot === -1 ? '' : fullName.slice(0, dot),
  };
  const used = new Set<string>();
  const collect = (node: Json): void => {
    if (isNameReference(node)) used.add(node);
    else if (Array.isArray(node)) node.forEach(collect);
    else if (isObject(node)) Object.values(node).forEach(collect);
  };
  collect(definition);
  return {
    kind: 'inline type moved to a shared subject',
    where: shortName(fullName),
    schema: updateAt(context.schema, path, () => fullName),
    references: [...context.references, { name: fullName, subject: fullName, version: 1 }],
    newSubjects: {
      [fullName]: {
        config: { compatibility: 'FULL_TRANSITIVE' },
        versions: [{ schema: own, references: context.references.filter((r) => used.has(r.name)) }],
      },
    },
  };
}

function* pinEdits(context: Context): Generator<Edit> {
  for (const [index, reference] of context.references.entries()) {
    const count = context.catalog.subjects[reference.subject]?.versions.length ?? 0;
    for (let version = 1; version <= count; version += 1) {
      if (version === reference.version) continue;
      yield {
        kind: version < reference.version ? 'reference pin moved back' : 'reference pin moved forward',
        where: `${reference.name} v${reference.version}→v${version}`,
        schema: context.schema,
        references: context.references.map((r, i) => (i === index ? { ...r, version } : r)),
      };
    }
  }
}

function* unionSubjectEdits(context: Context): Generator<Edit> {
  const members = context.schema as string[];
  for (let i = 0; i < members.length && members.length >= 2; i += 1)
    yield {
      kind: 'union member removed',
      where: members[i] as string,
      schema: members.filter((_, j) => j !== i),
      references: context.references.filter((r) => r.name !== members[i]),
    };
  if (members.length >= 2)
    yield {
      kind: 'union members reordered',
      where: `${members[0]} ↔ ${members[1]}`,
      schema: [members[1], members[0], ...members.slice(2)] as string[],
    };
  const added = `${(members[0] as string).slice(0, (members[0] as string).lastIndexOf('.'))}.MemberAdded`;
  yield {
    kind: 'union member added',
    where: added,
    schema: [...members, added],
    references: [...context.references, { name: added, subject: added, version: 1 }],
    newSubjects: {
      [added]: {
        config: { compatibility: 'FULL_TRANSITIVE' },
        versions: [
          {
            schema: {
              type: 'record',
              name: shortName(added),
              namespace: added.slice(0, added.lastIndexOf('.')),
              fields: [
                { name: 'id', type: 'string' },
                { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } },
              ],
            },
            references: [],
          },
        ],
      },
    },
  };
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
