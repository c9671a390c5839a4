// The runtime services load: serde, router, registry access, errors, topic-map types. Build-time tools
// (catalog loader, codegen, checker, registration) are in ./build-tools.ts (`@events/toolkit/build`), so that a
// service encoding events never loads them; test/runtime-entry.test.ts holds that.
export { type CompatibilityLevel, compatibilityLevels } from './compatibility-level.ts';
export type {
  ConsumedEventSurface,
  ConsumedTopicSurface,
  ContractManifest,
  KeySurface,
  ProducedTopicSurface,
  SchemaSurface,
  ServiceIdentity,
} from './contract-surface/contract-manifest.ts';
export { MANIFEST_FORMAT } from './contract-surface/contract-manifest.ts';
export {
  DEPLOYMENT_REFRESH_MS,
  DEPLOYMENT_TTL_MS,
  DEPLOYMENTS_TOPIC,
  type DeploymentRecord,
  type InstanceIdentity,
} from './contract-surface/deployment-record.ts';
export {
  type ConsumedTopicDeclaration,
  type ContractSurfaceInput,
  describeContractSurface,
} from './contract-surface/describe-contract-surface.ts';
export {
  createManifestSource,
  type ManifestSource,
  type ManifestSourceInput,
} from './contract-surface/manifest-source.ts';
export {
  createDeploymentRecorder,
  type DeploymentRecorder,
  type DeploymentRecorderInput,
} from './contract-surface/record-deployment.ts';
export { type ResolveSchemaIdsInput, resolveSchemaIds } from './contract-surface/resolve-schema-ids.ts';
export { type ServiceIdentityInput, serviceIdentityOf } from './contract-surface/service-identity.ts';
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
  type EventTypeHandling,
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
