import type avsc from 'avsc';
import { ContractError } from '../errors.ts';
import type { SubjectCodec } from './subject-codec.ts';

export function nameOf(type: avsc.Type): string {
  return (type as { name?: string }).name ?? type.typeName;
}

export function unknownEvent(topic: string, id: number, name: string): ContractError {
  return new ContractError(
    'UNKNOWN_EVENT_TYPE',
    `${topic} message with schema id ${id} holds event type ${name}, which this build does not know (written by a newer producer?)`,
  );
}
export interface Envelope {
  type: string;
  value: unknown;
}

export function envelopeParts(
  topic: string,
  value: unknown,
  codecs: Map<string, SubjectCodec>,
): [SubjectCodec, unknown] {
  const { type, value: record } = (value ?? {}) as Partial<Envelope>;
  const codec = typeof type === 'string' ? codecs.get(type) : undefined;
  if (!codec) {
    throw new ContractError(
      'INVALID_VALUE',
      `invalid ${topic} event: "type" must be one of ${[...codecs.keys()].join(', ')}, got ${JSON.stringify(type)}`,
      { details: [{ path: 'type', message: `expected one of ${[...codecs.keys()].join(' | ')}` }] },
    );
  }
  return [codec, record];
}

/** Shared by both multi-event styles: envelopes in, envelopes out. */
export function envelopeMethods(topic: string, byName: Map<string, SubjectCodec>) {
  return {
    codecOf: (value: unknown) => envelopeParts(topic, value, byName)[0],
    recordOf: (value: unknown) => (value as Envelope).value,
    valueOf: (type: string, value: unknown): Envelope => ({ type, value }),
  };
}
