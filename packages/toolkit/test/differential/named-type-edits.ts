import type { SchemaReference } from '../../src/topic-descriptor.ts';
import { isNameReference, isObject, type Json, type JsonObject, type Path, updateAt } from './avro-json.ts';
import { referencedSubjects } from './confluent-resolution.ts';
import { type Context, type Edit, shortName } from './edit.ts';

export function* recordEdits(
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

export function* enumEdits(
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

export function* fixedEdits(
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
