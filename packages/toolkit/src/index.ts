export type {
  Catalog,
  SchemaReference,
  SchemaVersion,
  SubjectEntry,
  SubjectNameStrategy,
  SubjectRole,
  TopicEntry,
  TopicKey,
} from './catalog/catalog.ts';
export { CatalogError, type CatalogErrorCode } from './catalog/catalog-error.ts';
export { type CompatibilityLevel, compatibilityLevels } from './catalog/compatibility-level.ts';
export { loadCatalog } from './catalog/load-catalog.ts';
export type { CheckReport, SubjectCheck } from './check/check-report.ts';
export { runSchemasCheck } from './check/run-schemas-check.ts';
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
export { type RegistrationRow, registerCatalog } from './registry/register-catalog.ts';
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
