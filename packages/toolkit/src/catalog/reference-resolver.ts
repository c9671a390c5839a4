import avsc from 'avsc';
import { avroOptions } from '../avro/create-avro-type.ts';
import { nodeOfType } from '../compatibility/parse-schema.ts';
import { type ReadSchema, readSchemaJson } from '../compatibility/read-schema-json.ts';
import type { SchemaNode } from '../compatibility/schema-node.ts';
import { ContractError } from '../errors.ts';
import type { SchemaVersion, SubjectEntry } from './catalog.ts';
import { CatalogError } from './catalog-error.ts';
import type { RawSubject, RawVersion } from './read-catalog-folder.ts';

/**
 * Builds each subject version with its references resolved at their pinned versions, depth first. A subject's
 * newest version (what codegen and the serde compile) gets its avsc Type now, which validates it; an older
 * version is validated and read into its SchemaNode without avsc (compiling codecs for the whole history was
 * most of a large catalog's load time), and gets its Type only when something asks for it.
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
    const raw = rawSubject?.versions.find((v) => v.version === version);
    if (!rawSubject || !raw) throw new Error(`no ${id}`);
    const cycleStart = this.#visiting.indexOf(id);
    if (cycleStart !== -1) {
      const loop = [...this.#visiting.slice(cycleStart), id].join(' → ');
      throw new CatalogError('REFERENCE_CYCLE', raw.file, `references loop: ${loop}`);
    }
    this.#visiting.push(id);
    const referencedVersions: SchemaVersion[] = [];
    const referencedNodes = new Map<string, SchemaNode>();
    for (const ref of raw.references) {
      const target = this.#raw.get(ref.subject)?.versions.find((v) => v.version === ref.version);
      const referencesFile = raw.file.replace(/\.avsc$/, '.references.json');
      if (!target) {
        throw new CatalogError(
          'UNDEFINED_REFERENCE',
          referencesFile,
          `reference ${ref.name} points to ${ref.subject} v${ref.version}, which the catalog does not have`,
        );
      }
      referencedVersions.push(this.resolve(ref.subject, ref.version));
      const reachable = this.#namedNodes.get(`${ref.subject}@${ref.version}`) ?? new Map();
      if (!reachable.has(ref.name)) {
        throw new CatalogError(
          'UNDEFINED_REFERENCE',
          referencesFile,
          `reference ${ref.name}: ${ref.subject} v${ref.version} does not define that name`,
        );
      }
      for (const [name, node] of reachable) referencedNodes.set(name, node);
    }
    const registry = () =>
      Object.assign({}, ...referencedVersions.map((v) => v.namedTypes)) as Record<string, avsc.Type>;
    const resolved =
      version === rawSubject.versions.length
        ? buildNow(raw, registry())
        : readNowBuildLater(raw, referencedNodes, registry);
    this.#visiting.pop();
    this.#namedNodes.set(id, resolved.reachable);
    this.#done.set(id, resolved.version);
    return resolved.version;
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
}

interface Resolved {
  version: SchemaVersion;
  reachable: ReadonlyMap<string, SchemaNode>;
}

/** avsc validates the schema and compiles it now; its SchemaNode is read from the Type. */
function buildNow(raw: RawVersion, registry: Record<string, avsc.Type>): Resolved {
  const referenced = new Set(Object.keys(registry));
  const type = compile(raw, registry);
  const namedTypes = namedTypesIn(registry);
  let node: SchemaNode;
  try {
    node = nodeOfType(type);
  } catch (error) {
    throw new CatalogError('INVALID_FILE', raw.file, (error as Error).message);
  }
  return {
    version: {
      ...raw,
      type,
      expanded: type.schema({ exportAttrs: true }),
      namedTypes,
      ownNames: Object.keys(namedTypes).filter((name) => !referenced.has(name)),
      node,
    },
    reachable: namedNodesIn(node, namedTypes),
  };
}

/** Validated and read without avsc now; the Type (and what derives from it) is compiled on first use. */
function readNowBuildLater(
  raw: RawVersion,
  referencedNodes: ReadonlyMap<string, SchemaNode>,
  registry: () => Record<string, avsc.Type>,
): Resolved {
  let read: ReadSchema;
  try {
    read = readSchemaJson(raw.schema, `v${raw.version}`, referencedNodes);
  } catch (error) {
    if (!(error instanceof ContractError)) throw error;
    throw schemaError(raw, error.message.replace(/^v\d+ is not a valid Avro schema: /, ''));
  }
  let built: { type: avsc.Type; namedTypes: Record<string, avsc.Type> } | undefined;
  const build = () => {
    if (!built) {
      const names = registry();
      const type = compile(raw, names);
      built = { type, namedTypes: namedTypesIn(names) };
    }
    return built;
  };
  let expanded: unknown;
  const version: SchemaVersion = {
    ...raw,
    get type() {
      return build().type;
    },
    get expanded() {
      expanded ??= build().type.schema({ exportAttrs: true });
      return expanded;
    },
    get namedTypes() {
      return build().namedTypes;
    },
    ownNames: [...read.named.keys()].filter((name) => !referencedNodes.has(name)),
    node: read.node,
  };
  return { version, reachable: read.named };
}

/** avsc also caches primitive types in the registry: only the named types (records, enums, fixed). */
function namedTypesIn(registry: Record<string, avsc.Type>): Record<string, avsc.Type> {
  return Object.fromEntries(
    Object.entries(registry).filter(([name, named]) => (named as { name?: string }).name === name),
  );
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

/** The named SchemaNodes of a compiled version, by the full names of its registry. */
function namedNodesIn(root: SchemaNode, namedTypes: Record<string, avsc.Type>): Map<string, SchemaNode> {
  const found = new Map<string, SchemaNode>();
  const visit = (node: SchemaNode): void => {
    if ('fullName' in node) {
      if (found.has(node.fullName)) return;
      found.set(node.fullName, node);
    }
    if (node.type === 'record') for (const field of node.fields) visit(field.type);
    else if (node.type === 'array') visit(node.items);
    else if (node.type === 'map') visit(node.values);
    else if (node.type === 'union') for (const branch of node.branches) visit(branch);
  };
  visit(root);
  // A referenced type the schema does not use is still reachable by name, as in avsc's registry.
  for (const [name, type] of Object.entries(namedTypes)) if (!found.has(name)) visit(nodeOfType(type));
  return found;
}
