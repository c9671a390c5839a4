// The runtime services load: serde, router, registry access, errors, topic-map types. Build-time tools
// (catalog loader, codegen, checker, registration) are in ./build-tools.ts (`@events/toolkit/build`), so that a
// service encoding events never loads them; test/runtime-entry.test.ts holds that.
export { type CompatibilityLevel, compatibilityLevels } from './compatibility-level.ts';
export {
  ContractError,
  type ContractErrorCode,
  type ContractErrorOptions,
  type InvalidField,
  isContractError,
} from './errors.ts';
export {
  createEventRouter,
  type EventContext,
  type EventHandlers,
  type EventRouter,
  type EventRouterOptions,
  IGNORE,
  type RouteOutcome,
} from './handlers.ts';
export { type MessageContract, messageContract } from './message-contract.ts';
export {
  createRegistryClient,
  type RegistryClient,
  type RegistryClientDependencies,
  type SerdeRegistry,
} from './registry/registry-client.ts';
export type { RegistryOptions } from './registry/registry-options.ts';
export { createSerde, type Serde, type SerdeOptions } from './serde/create-serde.ts';
export type {
  EventDescriptor,
  KeyDescriptor,
  RegisteredSchema,
  SchemaReference,
  TopicDescriptor,
  TopicDescriptors,
  TopicNameTopic,
  TopicRecordNameTopic,
  TopicTypes,
} from './topic-descriptor.ts';
export {
  type EventOf,
  type EventTypesOf,
  isTopicName,
  type KeyOf,
  type TopicName,
  topicDescriptor,
} from './topics.ts';
