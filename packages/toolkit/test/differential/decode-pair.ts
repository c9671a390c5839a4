import type avsc from 'avsc';
import { createAvroType } from '../../src/avro/create-avro-type.ts';
import { isContractError } from '../../src/errors.ts';
import type { Serde } from '../../src/serde/create-serde.ts';
import type { TopicDescriptor, TopicDescriptors } from '../../src/topic-descriptor.ts';
import { normalizeMessage } from './disagreements.ts';
import type { OracleValue } from './java-oracle.ts';
import { compareDecoded, printable, unrepresentablePaths, type ValueMismatch } from './value-mapping.ts';
import type { ValuePair } from './value-pairs.ts';

export type ValueOutcome =
  | { status: 'agree' }
  /** The toolkit refused exactly the values it documents it cannot hold, naming each one's field. */
  | { status: 'refused as documented' }
  | { status: 'disagree'; class: string; example: string };

const types = new WeakMap<object, avsc.Type>();
function typeOf(schema: unknown): avsc.Type {
  const key = schema as object;
  let type = types.get(key);
  if (!type) {
    type = createAvroType(schema);
    types.set(key, type);
  }
  return type;
}

/**
 * Decodes each of Java's messages as a consumer does — the generated topic map's serde, the writer schema fetched
 * by id from the registry — and compares the result with what Java's reader returned.
 */
export async function decodePair(
  pair: ValuePair,
  serde: Serde<TopicDescriptors>,
  topics: TopicDescriptors,
  writerId: number,
  values: readonly OracleValue[],
): Promise<ValueOutcome[]> {
  const descriptor = topics[pair.topic] as TopicDescriptor;
  const outcomes: ValueOutcome[] = [];
  for (const [index, value] of values.entries()) {
    if (value.writeError)
      throw new Error(`the Java oracle could not write value ${index} of ${pair.id}: ${value.writeError}`);
    const message = frame(writerId, value.hex);
    const example = (text: string) => `${pair.id} (value ${index}, bytes ${value.hex.slice(0, 80)})\n${text}`;
    let decoded: unknown;
    try {
      decoded =
        pair.role === 'key'
          ? await serde.decodeKey(pair.topic, message)
          : await serde.decode(pair.topic, message);
    } catch (error) {
      outcomes.push(refusal(pair, descriptor, value, error, example));
      continue;
    }
    if (value.readError) {
      outcomes.push({
        status: 'disagree',
        class: `Java's reader fails where the toolkit decodes: ${normalizeMessage(value.readError)}`,
        example: example(`Java: ${value.readError}\ntoolkit: ${JSON.stringify(printable(decoded))}`),
      });
      continue;
    }
    const mismatch = compareTopLevel(pair, descriptor, value.read, decoded);
    outcomes.push(
      mismatch
        ? {
            status: 'disagree',
            class: `value differs: ${mismatch.readerType}${mismatch.hint ? ` (${mismatch.hint})` : ''}`,
            example: example(
              `at ${mismatch.path || '(value)'}: Java ${JSON.stringify(mismatch.java)}, toolkit ${JSON.stringify(mismatch.toolkit)}`,
            ),
          }
        : { status: 'agree' },
    );
  }
  return outcomes;
}

function frame(id: number, hex: string): Buffer {
  const header = Buffer.alloc(5);
  header.writeUInt32BE(id, 1);
  return Buffer.concat([header, Buffer.from(hex, 'hex')]);
}

/** The reader type and Java's value for the record a message holds, per topic shape. */
function readerRecord(
  pair: ValuePair,
  descriptor: TopicDescriptor,
  java: unknown,
): { type: avsc.Type; java: unknown; eventType?: string } | { error: string } {
  if (pair.role === 'key') {
    if (descriptor.key.type !== 'avro') return { error: 'the topic map has no Avro key' };
    return { type: typeOf(descriptor.key.schema), java };
  }
  const events = Object.values(descriptor.events);
  if (!descriptor.multiEvent) return { type: typeOf((events[0] as { schema: unknown }).schema), java };
  if (descriptor.strategy === 'TopicNameStrategy') {
    const { branch, value } = java as { branch: string; value: unknown };
    const event = descriptor.events[branch];
    if (!event) return { error: `the topic map has no event ${branch}` };
    return { type: typeOf(event.schema), java: value, eventType: branch };
  }
  const name = pair.subject.slice(pair.topic.length + 1);
  const event = descriptor.events[name];
  if (!event) return { error: `the topic map has no event ${name}` };
  return { type: typeOf(event.schema), java, eventType: name };
}

function compareTopLevel(
  pair: ValuePair,
  descriptor: TopicDescriptor,
  java: unknown,
  decoded: unknown,
): ValueMismatch | undefined {
  const reader = readerRecord(pair, descriptor, java);
  if ('error' in reader)
    return { path: '', readerType: 'topic', java, toolkit: printable(decoded), hint: reader.error };
  if (reader.eventType === undefined) return compareDecoded(reader.type, reader.java, decoded);
  const envelope = decoded as { type?: unknown; value?: unknown };
  if (envelope.type !== reader.eventType)
    return { path: 'type', readerType: 'event type', java: reader.eventType, toolkit: envelope.type };
  return compareDecoded(reader.type, reader.java, envelope.value);
}

function refusal(
  pair: ValuePair,
  descriptor: TopicDescriptor,
  value: OracleValue,
  error: unknown,
  example: (text: string) => string,
): ValueOutcome {
  const text = isContractError(error)
    ? `${error.code}: ${error.message}`
    : `${(error as Error).name}: ${(error as Error).message}`;
  if (value.readError)
    return {
      status: 'disagree',
      class: `both refuse, differently: ${normalizeMessage(value.readError)}`,
      example: example(`Java: ${value.readError}\ntoolkit: ${text}`),
    };
  const reader = readerRecord(pair, descriptor, value.read);
  const expected = 'error' in reader ? [] : unrepresentablePaths(reader.type, reader.java).sort();
  const named = isContractError(error) ? (error.details ?? []).map((detail) => detail.path).sort() : [];
  if (
    isContractError(error) &&
    error.code === 'UNDECODABLE' &&
    expected.length > 0 &&
    JSON.stringify(named) === JSON.stringify(expected)
  )
    return { status: 'refused as documented' };
  const why = expected.length > 0 ? ` (Java read unrepresentable values at ${expected.join(', ')})` : '';
  return {
    status: 'disagree',
    class: `toolkit refuses a value Java reads: ${normalizeMessage(text)}`,
    example: example(`Java: ${JSON.stringify(value.read).slice(0, 400)}\ntoolkit: ${text}${why}`),
  };
}
