import type avsc from 'avsc';
import { ContractError } from '../errors.ts';
import type { EventOf, TopicName } from '../topics.ts';
import { invalidValueError } from './validation.ts';

/** Registry-free checks and a JSON text form of events, for storing them before they are encoded. */
export interface JsonForm {
  /** Throws INVALID_VALUE (every bad field in `details`) unless `value` is a valid event of the topic. */
  validate<T extends TopicName>(topic: T, value: unknown): void;
  /**
   * The event as JSON text (Avro's JSON encoding: dates as epoch numbers, unions wrapped), validated.
   * `fromJSON` turns it back into exactly the same event.
   */
  toJSON<T extends TopicName>(topic: T, value: EventOf<T>): string;
  /** Reads what `toJSON` wrote; throws INVALID_VALUE for text that is not a valid event of the topic. */
  fromJSON<T extends TopicName>(topic: T, text: string): EventOf<T>;
}

export function createJsonForm(typeOf: (topic: TopicName) => avsc.Type): JsonForm {
  const validate = (topic: TopicName, value: unknown) => {
    const type = typeOf(topic);
    if (!type.isValid(value)) throw invalidValueError(topic, type, value);
  };
  return {
    validate,
    toJSON(topic, value) {
      validate(topic, value);
      return typeOf(topic).toString(value);
    },
    fromJSON<T extends TopicName>(topic: T, text: string) {
      let value: unknown;
      try {
        value = typeOf(topic).fromString(text);
      } catch (error) {
        throw new ContractError(
          'INVALID_VALUE',
          `not the JSON form of a ${topic} event: ${(error as Error).message}`,
          { cause: error },
        );
      }
      validate(topic, value);
      return value as EventOf<T>;
    },
  };
}
