import avsc from 'avsc';
import { avroOptions } from '../avro/create-avro-type.ts';
import type { Catalog, SchemaVersion, SubjectEntry, SubjectRole, TopicEntry } from './catalog.ts';
import { CatalogError } from './catalog-error.ts';
import { type RawSubject, type RawTopic, readCatalogFolder } from './read-catalog-folder.ts';

const FULL_NAME = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/**
 * Reads and validates a whole catalog folder: declarations, subject names against their topic's strategy,
 * references (defined, acyclic, pinned versions that exist), one definition per full name, key subjects.
 * Throws CatalogError naming the file at fault; a catalog that loads can be generated and registered.
 */
export function loadCatalog(schemasDir: string): Catalog {
  const folder = readCatalogFolder(schemasDir);
  const topics = declareTopics(folder.topics, folder.subjects);
  const roles = new Map(folder.subjects.map((raw) => [raw.subject, classify(raw, topics)]));
  const resolver = new ReferenceResolver(folder.subjects);
  const subjects = folder.subjects.map((raw): SubjectEntry => {
    const { role, topic } = roles.get(raw.subject) as Classified;
    return {
      subject: raw.subject,
      role,
      topic,
      compatibility: raw.config.compatibility,
      doc: raw.config.doc,
      dir: raw.dir,
      versions: raw.versions.map((v) => resolver.resolve(raw.subject, v.version)),
    };
  });
  for (const entry of subjects) checkSchemaFitsRole(entry);
  checkOneDefinitionPerName(subjects);
  checkTopicsComplete(topics, subjects);
  return { dir: schemasDir, topics: [...topics.values()], subjects: resolver.order(subjects) };
}

function declareTopics(declared: RawTopic[], subjects: RawSubject[]): Map<string, TopicEntry> {
  const topics = new Map<string, TopicEntry>();
  for (const { topic, file, declaration } of declared) {
    const key =
      declaration.key.type === 'avro'
        ? { type: 'avro' as const, doc: declaration.key.doc, subject: `${topic}-key` }
        : { type: 'string' as const, doc: declaration.key.doc };
    topics.set(topic, { topic, file, ...declaration, key, valueSubjects: [] });
  }
  for (const raw of subjects) {
    const { topic, key } = raw.config;
    if (topic === undefined || key === undefined) continue;
    const file = `${raw.dir}/subject.json`;
    if (topics.has(topic))
      throw new CatalogError('INVALID_FILE', file, `topic ${topic} is already declared in topics.json`);
    if (raw.subject !== `${topic}-value`) {
      throw new CatalogError('STRATEGY_MISMATCH', file, `a topic declared here must live in ${topic}-value/`);
    }
    if (key.type === 'avro')
      throw new CatalogError(
        'KEY_MISMATCH',
        file,
        'declare an Avro key in topics.json, with its own subject',
      );
    topics.set(topic, {
      topic,
      file,
      doc: raw.config.doc,
      strategy: 'TopicNameStrategy',
      key: { type: 'string', doc: key.doc },
      producers: [],
      consumers: [],
      valueSubjects: [],
    });
  }
  return topics;
}

interface Classified {
  role: SubjectRole;
  topic: string | undefined;
}

/** What a subject folder is, from its name; the longest declared topic prefix wins. */
function classify(raw: RawSubject, topics: Map<string, TopicEntry>): Classified {
  const candidates = [...topics.values()]
    .filter((t) => raw.subject.startsWith(`${t.topic}-`))
    .sort((a, b) => b.topic.length - a.topic.length);
  const topic = candidates[0];
  if (!topic) {
    if (FULL_NAME.test(raw.subject)) return { role: 'type', topic: undefined };
    throw new CatalogError(
      'UNKNOWN_SUBJECT',
      raw.dir,
      'matches no topic of topics.json (<topic>-value, <topic>-key, <topic>-<record full name>) and is not a type full name',
    );
  }
  const rest = raw.subject.slice(topic.topic.length + 1);
  if (rest === 'key') {
    if (topic.key.type !== 'avro') {
      throw new CatalogError(
        'KEY_MISMATCH',
        raw.dir,
        `topic ${topic.topic} declares a plain string key in ${topic.file}: declare "key": {"type": "avro"} or remove this key subject`,
      );
    }
    return { role: 'key', topic: topic.topic };
  }
  if (rest === 'value') {
    if (topic.strategy !== 'TopicNameStrategy') {
      throw new CatalogError(
        'STRATEGY_MISMATCH',
        raw.dir,
        `topic ${topic.topic} uses ${topic.strategy}: its subjects are <topic>-<record full name>, not <topic>-value`,
      );
    }
    topic.valueSubjects.push(raw.subject);
    return { role: 'value', topic: topic.topic };
  }
  if (topic.strategy !== 'TopicRecordNameStrategy' || !FULL_NAME.test(rest)) {
    throw new CatalogError(
      'STRATEGY_MISMATCH',
      raw.dir,
      `topic ${topic.topic} uses ${topic.strategy}: expected ${topic.strategy === 'TopicNameStrategy' ? `${topic.topic}-value` : `${topic.topic}-<record full name>`}`,
    );
  }
  topic.valueSubjects.push(raw.subject);
  return { role: 'event', topic: topic.topic };
}

/** Builds each subject version with its references resolved at their pinned versions, depth first. */
class ReferenceResolver {
  readonly #raw: Map<string, RawSubject>;
  readonly #done = new Map<string, SchemaVersion>();
  readonly #visiting: string[] = [];

  constructor(subjects: RawSubject[]) {
    this.#raw = new Map(subjects.map((s) => [s.subject, s]));
  }

  resolve(subject: string, version: number): SchemaVersion {
    const id = `${subject}@${version}`;
    const done = this.#done.get(id);
    if (done) return done;
    const raw = this.#raw.get(subject)?.versions.find((v) => v.version === version);
    if (!raw) throw new Error(`no ${id}`);
    const cycleStart = this.#visiting.indexOf(id);
    if (cycleStart !== -1) {
      const loop = [...this.#visiting.slice(cycleStart), id].join(' → ');
      throw new CatalogError('REFERENCE_CYCLE', raw.file, `references loop: ${loop}`);
    }
    this.#visiting.push(id);
    const registry: Record<string, avsc.Type> = {};
    for (const ref of raw.references) {
      const target = this.#raw.get(ref.subject)?.versions.find((v) => v.version === ref.version);
      if (!target) {
        throw new CatalogError(
          'UNDEFINED_REFERENCE',
          raw.file.replace(/\.avsc$/, '.references.json'),
          `reference ${ref.name} points to ${ref.subject} v${ref.version}, which the catalog does not have`,
        );
      }
      const resolved = this.resolve(ref.subject, ref.version);
      if (!resolved.namedTypes[ref.name]) {
        throw new CatalogError(
          'UNDEFINED_REFERENCE',
          raw.file.replace(/\.avsc$/, '.references.json'),
          `reference ${ref.name}: ${ref.subject} v${ref.version} does not define that name`,
        );
      }
      Object.assign(registry, resolved.namedTypes);
    }
    const referenced = new Set(Object.keys(registry));
    let type: avsc.Type;
    try {
      type = avsc.Type.forSchema(raw.schema as avsc.Schema, { ...avroOptions, registry });
    } catch (error) {
      const message = (error as Error).message;
      const undefinedName = /undefined type name: (\S+)/.exec(message)?.[1];
      throw undefinedName
        ? new CatalogError(
            'UNDEFINED_REFERENCE',
            raw.file,
            `uses ${undefinedName}, which neither this schema nor its references (v${version}.references.json) define`,
          )
        : new CatalogError('INVALID_FILE', raw.file, `not a valid Avro schema: ${message}`);
    }
    this.#visiting.pop();
    // avsc also caches primitive types in the registry: keep only named types (records, enums, fixed).
    const namedTypes = Object.fromEntries(
      Object.entries(registry).filter(([name, named]) => (named as { name?: string }).name === name),
    );
    const resolved: SchemaVersion = {
      ...raw,
      type,
      expanded: type.schema({ exportAttrs: true }),
      namedTypes,
      ownNames: Object.keys(namedTypes).filter((name) => !referenced.has(name)),
    };
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
}

function checkSchemaFitsRole(entry: SubjectEntry): void {
  for (const v of entry.versions) {
    const type = v.type;
    const name = (type as { name?: string }).name;
    switch (entry.role) {
      case 'type':
        if (name !== entry.subject) {
          throw new CatalogError(
            'STRATEGY_MISMATCH',
            v.file,
            `a type subject is named after the type it defines: expected ${entry.subject}, found ${name ?? type.typeName}`,
          );
        }
        break;
      case 'event': {
        const expected = entry.subject.slice((entry.topic ?? '').length + 1);
        if (type.typeName !== 'record' || name !== expected) {
          throw new CatalogError(
            'STRATEGY_MISMATCH',
            v.file,
            `TopicRecordNameStrategy subject ${entry.subject} must hold record ${expected}, found ${name ?? type.typeName}`,
          );
        }
        break;
      }
      case 'value': {
        const branches = type.typeName.startsWith('union')
          ? (type as unknown as { types: avsc.Type[] }).types
          : [type];
        if (!branches.every((branch) => branch.typeName === 'record')) {
          throw new CatalogError(
            'STRATEGY_MISMATCH',
            v.file,
            `a TopicNameStrategy value schema is one event record or a union of event records, found ${branches.map((b) => b.typeName).join(', ')}`,
          );
        }
        break;
      }
      case 'key':
        break;
    }
  }
}

/** One definition per full name across the newest versions: a shared type is referenced, never copied. */
function checkOneDefinitionPerName(subjects: SubjectEntry[]): void {
  const definedIn = new Map<string, string>();
  for (const entry of subjects) {
    const newest = entry.versions.at(-1);
    if (!newest) continue;
    for (const name of newest.ownNames) {
      const other = definedIn.get(name);
      if (other !== undefined) {
        throw new CatalogError(
          'DUPLICATE_NAME',
          newest.file,
          `defines ${name}, which ${other} defines too: keep one definition (a type subject) and reference it`,
        );
      }
      definedIn.set(name, newest.file);
    }
  }
}

function checkTopicsComplete(topics: Map<string, TopicEntry>, subjects: SubjectEntry[]): void {
  for (const topic of topics.values()) {
    if (topic.valueSubjects.length === 0) {
      const expected =
        topic.strategy === 'TopicNameStrategy'
          ? `${topic.topic}-value/`
          : `${topic.topic}-<record full name>/`;
      throw new CatalogError(
        'UNKNOWN_SUBJECT',
        topic.file,
        `topic ${topic.topic} has no subject folder ${expected}`,
      );
    }
    if (topic.key.type === 'avro' && !subjects.some((s) => s.subject === `${topic.topic}-key`)) {
      throw new CatalogError(
        'KEY_MISMATCH',
        topic.file,
        `topic ${topic.topic} declares an Avro key but has no ${topic.topic}-key/ subject folder`,
      );
    }
  }
}
