export { deadLetterTopicOf, EVENT_HEADERS, TOPICS } from './agreements.ts';
export { type CompatibilityLevel, compatibilityLevels } from './catalog/compatibility-level.ts';
export {
  type CheckCompatibilityInput,
  type CompatibilityResult,
  checkCompatibility,
} from './compatibility/check-compatibility.ts';
export type { AvroIncompatibility } from './compatibility/finding.ts';
export type { Direction, Problem, ProblemKind } from './compatibility/problem.ts';
export {
  ContractError,
  type ContractErrorCode,
  type ContractErrorOptions,
  type InvalidField,
  isContractError,
} from './errors.ts';
export * from './generated/index.ts';
export { defineHandler, type EventContext, type EventHandler, type TopicHandler } from './handlers.ts';
export { type MessageContract, messageContract } from './message-contract.ts';
export type { RegistryOptions } from './registry/registry-options.ts';
export { createSerde, type Serde, type SerdeOptions } from './serde/create-serde.ts';
export type { JsonForm } from './serde/json-form.ts';
export type { TopicDescriptor } from './topic-descriptor.ts';
export { type EventOf, isTopicName, type TopicName, topicDescriptor } from './topics.ts';
