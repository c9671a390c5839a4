import type {
  ConsumedTopicSurface,
  ContractManifest,
  KeySurface,
  ProducedTopicSurface,
  SchemaSurface,
} from '../contract-surface/contract-manifest.ts';
import { readerReadsWriter } from './reader-reads-writer.ts';
import type { CandidateSchema, Check, CheckOutcome, Refusal } from './verdict.ts';

/** A deployed version, named as a refusal names it. */
export interface Counterpart {
  label: string;
  manifest: ContractManifest;
}

/** A writer schema the registry holds for a topic: events written with it may still be in the topic. */
export interface RegisteredWriter {
  label: string;
  /** The event type (record full name) it writes; `key` for a key schema. */
  eventType: string;
  schema: unknown;
}

export interface JudgeInput {
  candidate: ContractManifest;
  deployed: readonly Counterpart[];
  /** Topics the environment's Kafka has. */
  existingTopics: ReadonlySet<string>;
  /** Per topic, every registered version of its value (or event) subjects and key subject, per event type. */
  registered: ReadonlyMap<string, readonly RegisteredWriter[]>;
}

/** Every rule of can-i-deploy on data already gathered: no I/O, so each rule is a fast unit test. */
export function judgeCandidate({ candidate, deployed, existingTopics, registered }: JudgeInput): {
  checks: Check[];
  refusals: Refusal[];
} {
  const checks: Check[] = [];
  const refusals: Refusal[] = [];
  const topics = [...candidate.produces, ...candidate.consumes].map((surface) => surface.topic);
  for (const topic of new Set(topics)) {
    if (existingTopics.has(topic)) continue;
    refusals.push({
      rule: 'unknown-topic',
      topic,
      against: 'the environment',
      path: '',
      message: `${topic} does not exist in this environment's Kafka, and topic auto-creation is off`,
      fix: 'create the topic (its partitions from topics.json) before deploying, or correct the topic name',
    });
  }

  for (const written of candidate.produces) {
    for (const consumer of deployed) {
      for (const read of consumer.manifest.consumes.filter((surface) => surface.topic === written.topic))
        judgeRead({
          writer: written,
          writerLabel: 'the candidate',
          reader: read,
          readerLabel: consumer.label,
          against: consumer.label,
          candidateIs: 'writer',
        });
    }
  }
  for (const read of candidate.consumes) {
    for (const producer of deployed) {
      for (const written of producer.manifest.produces.filter((surface) => surface.topic === read.topic))
        judgeRead({
          writer: written,
          writerLabel: producer.label,
          reader: read,
          readerLabel: 'the candidate',
          against: producer.label,
          candidateIs: 'reader',
        });
    }
    for (const writer of registered.get(read.topic) ?? []) judgeRegistered(read, writer);
  }
  return { checks, refusals };

  function check(
    topic: string,
    candidateRole: Check['candidateRole'],
    against: string,
    subjectOf: string,
    outcome: CheckOutcome,
  ) {
    checks.push({ topic, candidateRole, against, subjectOf, outcome });
  }

  function judgeRead(pair: {
    writer: ProducedTopicSurface;
    writerLabel: string;
    reader: ConsumedTopicSurface;
    readerLabel: string;
    against: string;
    candidateIs: 'writer' | 'reader';
  }) {
    const { writer, reader, against, candidateIs } = pair;
    const role = candidateIs === 'writer' ? 'writes' : 'reads';
    const topic = writer.topic;
    judgeKeys(topic, role, against, writer.key, reader.key, candidateIs);
    for (const [eventType, writerSchema] of Object.entries(writer.writers)) {
      const readerEvent = readerEventFor(reader, eventType, writer.multiEvent);
      if (!readerEvent) {
        judgeUnknownType(
          reader,
          topic,
          role,
          against,
          eventType,
          candidateIs === 'writer' ? writerSchema : undefined,
          `${pair.readerLabel} does not know event type ${eventType}, which ${pair.writerLabel} writes`,
        );
        continue;
      }
      const problems = readerReadsWriter(readerEvent.reader.schema, writerSchema.schema);
      check(topic, role, against, eventType, outcomeOf(problems, readerEvent.handling));
      const candidateSide = candidateIs === 'writer' ? writerSchema : readerEvent.reader;
      for (const problem of problems)
        refusals.push({
          rule: 'reader-cannot-read',
          topic,
          against,
          eventType,
          path: problem.path,
          message: `${pair.readerLabel} (${named(readerEvent.reader)}) cannot read ${eventType} as ${pair.writerLabel} writes it (${named(writerSchema)}): ${problem.message}`,
          fix: problem.fix,
          candidateSchema: candidateSchemaOf(candidateSide),
        });
    }
  }

  function judgeRegistered(read: ConsumedTopicSurface, writer: RegisteredWriter) {
    const topic = read.topic;
    if (writer.eventType === 'key') {
      if (read.key.encoding !== 'avro') return;
      const problems = readerReadsWriter(read.key.schema.schema, writer.schema);
      check(topic, 'reads', writer.label, 'key', problems.length > 0 ? 'refused' : 'ok');
      for (const problem of problems)
        refusals.push(readerRefusal(topic, writer.label, 'key', read.key.schema, problem));
      return;
    }
    const readerEvent = readerEventFor(read, writer.eventType, read.multiEvent);
    if (!readerEvent) {
      judgeUnknownType(
        read,
        topic,
        'reads',
        writer.label,
        writer.eventType,
        undefined,
        `the candidate does not know event type ${writer.eventType}, which ${writer.label} holds and the topic may still hold`,
      );
      return;
    }
    const problems = readerReadsWriter(readerEvent.reader.schema, writer.schema);
    check(topic, 'reads', writer.label, writer.eventType, outcomeOf(problems, readerEvent.handling));
    for (const problem of problems)
      refusals.push(readerRefusal(topic, writer.label, writer.eventType, readerEvent.reader, problem));
  }

  function readerRefusal(
    topic: string,
    against: string,
    eventType: string,
    reader: SchemaSurface,
    problem: { path: string; message: string; fix: string },
  ): Refusal {
    return {
      rule: 'reader-cannot-read',
      topic,
      against,
      eventType,
      path: problem.path,
      message: `the candidate (${named(reader)}) cannot read ${eventType === 'key' ? 'keys' : eventType} written with ${against}, which the topic may still hold: ${problem.message}`,
      fix: problem.fix,
      candidateSchema: candidateSchemaOf(reader),
    };
  }

  function judgeUnknownType(
    reader: ConsumedTopicSurface,
    topic: string,
    role: Check['candidateRole'],
    against: string,
    eventType: string,
    candidateWriter: SchemaSurface | undefined,
    what: string,
  ) {
    if (reader.unknownEventTypes === 'skip') {
      check(topic, role, against, eventType, 'skipped');
      return;
    }
    check(topic, role, against, eventType, 'refused');
    refusals.push({
      rule: 'event-type-dead-lettered',
      topic,
      against,
      eventType,
      path: '',
      message: `${what}: its router dead-letters unknown event types, so every such event would land in the dead-letter topic`,
      fix: 'deploy a consumer build that handles or ignores the event type first (regenerate its topic map), or set its router to skip unknown event types',
      ...(candidateWriter && { candidateSchema: candidateSchemaOf(candidateWriter) }),
    });
  }

  function judgeKeys(
    topic: string,
    role: Check['candidateRole'],
    against: string,
    writer: KeySurface,
    reader: KeySurface,
    candidateIs: 'writer' | 'reader',
  ) {
    if (writer.encoding !== reader.encoding) {
      check(topic, role, against, 'key', 'refused');
      refusals.push({
        rule: 'key-encoding-differs',
        topic,
        against,
        eventType: 'key',
        path: '',
        message: `keys are written as ${writer.encoding} and read as ${reader.encoding}`,
        fix: 'a key encoding is part of the topic: keep the one topics.json published, or move to a new topic',
      });
      return;
    }
    if (writer.encoding !== 'avro' || reader.encoding !== 'avro') return;
    const problems = readerReadsWriter(reader.schema.schema, writer.schema.schema);
    check(topic, role, against, 'key', problems.length > 0 ? 'refused' : 'ok');
    const candidateSide = candidateIs === 'writer' ? writer.schema : reader.schema;
    for (const problem of problems)
      refusals.push({
        rule: 'reader-cannot-read',
        topic,
        against,
        eventType: 'key',
        path: problem.path,
        message: `${candidateIs === 'writer' ? against : 'the candidate'} cannot read the keys ${candidateIs === 'writer' ? 'the candidate' : against} writes (${named(reader.schema)} ← ${named(writer.schema)}): ${problem.message}`,
        fix: problem.fix,
        candidateSchema: candidateSchemaOf(candidateSide),
      });
  }
}

/** An ignored event type is still decoded (then dropped): it must be readable too. */
function outcomeOf(problems: readonly unknown[], handling: 'handled' | 'ignored'): CheckOutcome {
  if (problems.length > 0) return 'refused';
  return handling === 'ignored' ? 'ignored' : 'ok';
}

/**
 * On a topic of one event type both sides decode the value itself, whatever the record's name (resolution then
 * judges names and aliases); on a multi-event topic the reader must know the writer's event type by name.
 */
function readerEventFor(reader: ConsumedTopicSurface, eventType: string, writerMultiEvent: boolean) {
  if (!writerMultiEvent && !reader.multiEvent) return Object.values(reader.events)[0];
  return reader.events[eventType];
}

function named(schema: SchemaSurface): string {
  return `${schema.subject} v${schema.version}`;
}

function candidateSchemaOf(schema: SchemaSurface): CandidateSchema {
  return { subject: schema.subject, version: schema.version };
}
