import type { Catalog, SubjectEntry, SubjectRole, TopicEntry } from './catalog.ts';
import { CatalogError } from './catalog-error.ts';
import { type RawSubject, type RawTopic, readCatalogFolder } from './read-catalog-folder.ts';
import { ReferenceResolver } from './reference-resolver.ts';

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

/** The declared topic `<topic>-…` names, the longest when several do; a lookup per dash, not per topic. */
function longestTopicPrefix(subject: string, topics: Map<string, TopicEntry>): TopicEntry | undefined {
  for (let dash = subject.lastIndexOf('-'); dash > 0; dash = subject.lastIndexOf('-', dash - 1)) {
    const topic = topics.get(subject.slice(0, dash));
    if (topic) return topic;
  }
  return undefined;
}

/** What a subject folder is, from its name; the longest declared topic prefix wins. */
function classify(raw: RawSubject, topics: Map<string, TopicEntry>): Classified {
  const topic = longestTopicPrefix(raw.subject, topics);
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

function checkSchemaFitsRole(entry: SubjectEntry): void {
  for (const v of entry.versions) {
    const node = v.node;
    const name = 'fullName' in node ? node.fullName : undefined;
    switch (entry.role) {
      case 'type':
        if (name !== entry.subject) {
          throw new CatalogError(
            'STRATEGY_MISMATCH',
            v.file,
            `a type subject is named after the type it defines: expected ${entry.subject}, found ${name ?? node.type}`,
          );
        }
        break;
      case 'event': {
        const expected = entry.subject.slice((entry.topic ?? '').length + 1);
        if (node.type !== 'record' || name !== expected) {
          throw new CatalogError(
            'STRATEGY_MISMATCH',
            v.file,
            `TopicRecordNameStrategy subject ${entry.subject} must hold record ${expected}, found ${name ?? node.type}`,
          );
        }
        break;
      }
      case 'value': {
        const branches = node.type === 'union' ? node.branches : [node];
        if (!branches.every((branch) => branch.type === 'record')) {
          throw new CatalogError(
            'STRATEGY_MISMATCH',
            v.file,
            `a TopicNameStrategy value schema is one event record or a union of event records, found ${branches.map((b) => b.type).join(', ')}`,
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
