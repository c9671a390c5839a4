import avsc from 'avsc';
import { avroOptions } from '../avro/create-avro-type.ts';
import { type ReadSchema, readSchemaJson } from '../compatibility/read-schema-json.ts';
import type { SchemaNode } from '../compatibility/schema-node.ts';
import { ContractError } from '../errors.ts';
import type { SchemaVersion, SubjectEntry } from './catalog.ts';
import { CatalogError } from './catalog-error.ts';
import type { RawSubject, RawVersion } from './read-catalog-folder.ts';
import { registryOrder } from './registry-order.ts';

/** The named types a version's references bring: its checker nodes, and its avsc registry when compiled. */
interface ReferencedTypes {
  nodes: ReadonlyMap<string, SchemaNode>;
  registry: () => Record<string, avsc.Type>;
}

/**
 * Builds each subject version with its references resolved at their pinned versions, as the registry resolves
 * them (Confluent's AbstractSchemaProvider and AvroSchema): depth first, a name bound by its first reference,
 * every referenced schema parsed once into the same names. A subject's newest version (what codegen and the
 * serde compile) gets its avsc Type now, which validates it; an older version is validated and read into its
 * SchemaNode without avsc (compiling codecs for the whole history was most of a large catalog's load time), and
 * gets its Type only when something asks for it.
 */
export class ReferenceResolver {
  readonly #raw: Map<string, RawSubject>;
  readonly #done = new Map<string, SchemaVersion>();
  /** Every named type a version can reach (its own and referenced ones), for the versions referencing it. */
  readonly #namedNodes = new Map<string, ReadonlyMap<string, SchemaNode>>();
  readonly #visiting: string[] = [];

  constructor(subjects: RawSubject[]) {
    this.#raw = new Map(subjects.map((s) => [s.subject, s]));
  }

  resolve(subject: string, version: number): SchemaVersion {
    const id = `${subject}@${version}`;
    const done = this.#done.get(id);
    if (done) return done;
    const rawSubject = this.#raw.get(subject);
    const raw = this.#rawVersion(subject, version);
    if (!rawSubject || !raw) throw new Error(`no ${id}`);
    const cycleStart = this.#visiting.indexOf(id);
    if (cycleStart !== -1) {
      const loop = [...this.#visiting.slice(cycleStart), id].join(' → ');
      throw new CatalogError('REFERENCE_CYCLE', raw.file, `references loop: ${loop}`);
    }
    this.#visiting.push(id);
    const referenced = this.#referencedTypes(raw);
    let read: ReadSchema;
    try {
      read = readSchemaJson(raw.schema, `v${raw.version}`, referenced.nodes);
    } catch (error) {
      if (!(error instanceof ContractError)) throw error;
      throw schemaError(raw, error.message.replace(/^v\d+ is not a valid Avro schema: /, ''));
    }
    const resolved = withTypes(raw, read, referenced, version === rawSubject.versions.length);
    this.#visiting.pop();
    this.#namedNodes.set(id, read.named);
    this.#done.set(id, resolved);
    return resolved;
  }

  /** Subjects in an order where every referenced subject comes before the subjects referencing it. */
  order(subjects: SubjectEntry[]): SubjectEntry[] {
    const bySubject = new Map(subjects.map((s) => [s.subject, s]));
    const ordered: SubjectEntry[] = [];
    const placed = new Set<string>();
    const place = (entry: SubjectEntry): void => {
      if (placed.has(entry.subject)) return;
      placed.add(entry.subject);
      for (const v of entry.versions) {
        for (const ref of v.references) {
          const target = bySubject.get(ref.subject);
          if (target) place(target);
        }
      }
      ordered.push(entry);
    };
    for (const entry of subjects) place(entry);
    return ordered;
  }

  #rawVersion(subject: string, version: number): RawVersion | undefined {
    return this.#raw.get(subject)?.versions.find((v) => v.version === version);
  }

  /**
   * Each referenced version is resolved (so validated) on its own first. When they all agree on every name they
   * share, the schema sees exactly their types, reused as they are; when two bind one name differently (two
   * pins of one subject, or two subjects defining one type), the references are read again in the registry's
   * order, so the first pin wins as it does in the registry.
   */
  #referencedTypes(raw: RawVersion): ReferencedTypes {
    const referencesFile = raw.file.replace(/\.avsc$/, '.references.json');
    const versions: SchemaVersion[] = [];
    const nodes = new Map<string, SchemaNode>();
    let agree = true;
    for (const ref of raw.references) {
      if (!this.#rawVersion(ref.subject, ref.version)) {
        throw new CatalogError(
          'UNDEFINED_REFERENCE',
          referencesFile,
          `reference ${ref.name} points to ${ref.subject} v${ref.version}, which the catalog does not have`,
        );
      }
      versions.push(this.resolve(ref.subject, ref.version));
      const reachable = this.#namedNodes.get(`${ref.subject}@${ref.version}`) ?? new Map();
      if (!reachable.has(ref.name)) {
        throw new CatalogError(
          'UNDEFINED_REFERENCE',
          referencesFile,
          `reference ${ref.name}: ${ref.subject} v${ref.version} does not define that name`,
        );
      }
      for (const [name, node] of reachable) {
        if (nodes.has(name) && nodes.get(name) !== node) agree = false;
        nodes.set(name, node);
      }
    }
    if (agree) {
      return {
        nodes,
        registry: () => Object.assign({}, ...versions.map((v) => v.namedTypes)) as Record<string, avsc.Type>,
      };
    }
    return this.#inRegistryOrder(raw, referencesFile);
  }

  /** The references read one after the other into the same names, in the order the registry parses them. */
  #inRegistryOrder(raw: RawVersion, referencesFile: string): ReferencedTypes {
    const order = registryOrder(raw, (subject, version) => this.#rawVersion(subject, version));
    let nodes: ReadonlyMap<string, SchemaNode> = new Map();
    for (const target of order) {
      try {
        nodes = readSchemaJson(target.schema, target.file, nodes).named;
      } catch (error) {
        if (!(error instanceof ContractError)) throw error;
        const code = /duplicate type name/.test(error.message)
          ? 'DUPLICATE_NAME'
          : /undefined type name/.test(error.message)
            ? 'UNDEFINED_REFERENCE'
            : 'INVALID_FILE';
        throw new CatalogError(
          code,
          referencesFile,
          `the registry resolves these references depth first, the first pin of a name winning, and then fails: ${error.message}`,
        );
      }
    }
    return {
      nodes,
      registry: () => {
        const registry: Record<string, avsc.Type> = {};
        for (const target of order) compile(target, registry);
        return registry;
      },
    };
  }
}

/** The version with its avsc Type: compiled now for a newest version, on first use for an older one. */
function withTypes(
  raw: RawVersion,
  read: ReadSchema,
  referenced: ReferencedTypes,
  newest: boolean,
): SchemaVersion {
  let built: { type: avsc.Type; namedTypes: Record<string, avsc.Type> } | undefined;
  const build = () => {
    if (!built) {
      const names = referenced.registry();
      const type = compile(raw, names);
      built = { type, namedTypes: namedTypesIn(names) };
    }
    return built;
  };
  if (newest) build();
  return {
    ...raw,
    get type() {
      return build().type;
    },
    get namedTypes() {
      return build().namedTypes;
    },
    ownNames: [...read.named.keys()].filter((name) => !referenced.nodes.has(name)),
    node: read.node,
  };
}

/**
 * avsc also caches primitive types in the registry: only the named types (records, enums, fixed). A fixed with a
 * logical type (a decimal) is registered as its logical type, whose name is its underlying type's.
 */
function namedTypesIn(registry: Record<string, avsc.Type>): Record<string, avsc.Type> {
  const nameOf = (type: avsc.Type) =>
    type.name ?? (type as { underlyingType?: avsc.Type }).underlyingType?.name;
  return Object.fromEntries(Object.entries(registry).filter(([name, named]) => nameOf(named) === name));
}

function compile(raw: RawVersion, registry: Record<string, avsc.Type>): avsc.Type {
  try {
    return avsc.Type.forSchema(raw.schema as avsc.Schema, { ...avroOptions, registry });
  } catch (error) {
    throw schemaError(raw, (error as Error).message);
  }
}

function schemaError(raw: RawVersion, message: string): CatalogError {
  const undefinedName = /undefined type name: (\S+)/.exec(message)?.[1];
  return undefinedName
    ? new CatalogError(
        'UNDEFINED_REFERENCE',
        raw.file,
        `uses ${undefinedName}, which neither this schema nor its references (v${raw.version}.references.json) define`,
      )
    : new CatalogError('INVALID_FILE', raw.file, `not a valid Avro schema: ${message}`);
}
