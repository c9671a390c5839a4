import {
  type EventOf as CatalogEventOf,
  type KeyOf as CatalogKeyOf,
  type Serde as CatalogSerde,
  type SerdeOptions as CatalogSerdeOptions,
  type ContractManifest,
  type ContractSurfaceInput,
  messageContract as catalogMessageContract,
  createSerde as createCatalogSerde,
  describeContractSurface as describeCatalogSurface,
  isTopicName as isCatalogTopicName,
  type MessageContract,
  type RegistryClient,
  resolveSchemaIds as resolveCatalogSchemaIds,
} from '@events/toolkit';
import { topics } from './generated/index.ts';

export {
  type CompatibilityLevel,
  ContractError,
  type ContractErrorCode,
  type ContractManifest,
  compatibilityLevels,
  createDeploymentRecorder,
  createEventRouter,
  createManifestSource,
  createRegistryClient,
  type DeploymentRecorder,
  type EventContext,
  type EventHandlers,
  IGNORE,
  type InvalidField,
  isContractError,
  type ManifestSource,
  type RegistryClient,
  type RegistryOptions,
  type ServiceIdentity,
  serviceIdentityOf,
} from '@events/toolkit';
export { deadLetterTopicOf, EVENT_HEADERS, TOPICS } from './agreements.ts';
export * from './generated/index.ts';

/** This system's topics, as the catalog in schemas/ declares them. */
export type Topics = typeof topics;
export type TopicName = keyof Topics;
export type EventOf<T extends TopicName> = CatalogEventOf<Topics, T>;
export type KeyOf<T extends TopicName> = CatalogKeyOf<Topics, T>;
export type Serde = CatalogSerde<Topics>;
export type SerdeOptions = Omit<CatalogSerdeOptions<Topics>, 'topics'>;
/** The registry-free part of the serde: validation and the JSON text form the outbox stores. */
export type { MessageContract };
export type JsonForm = Pick<Serde, 'validate' | 'toJSON' | 'fromJSON'>;

/** Whether `name` is a topic of this catalog (for strings from outside the type system, e.g. a table). */
export function isTopicName(name: unknown): name is TopicName {
  return isCatalogTopicName(topics, name);
}

/** The toolkit's serde over this catalog's topics. */
export function createSerde(options: SerdeOptions): Serde {
  return createCatalogSerde({ ...options, topics });
}

/** Subject, schema id and version, and event type of a message on one of this catalog's topics. */
export function messageContract(topic: string, value: Buffer | null, event?: unknown): MessageContract {
  return catalogMessageContract(topics, topic, value, event);
}

/** A service's contract manifest over this catalog's topics, from the topics and routers its code declares. */
export function describeContractSurface(input: Omit<ContractSurfaceInput, 'topics'>): ContractManifest {
  return describeCatalogSurface({ ...input, topics });
}

/** The manifest with the registry's id of each schema it names (null for those not registered yet). */
export function resolveSchemaIds(
  manifest: ContractManifest,
  registry: Pick<RegistryClient, 'idOf'>,
): Promise<ContractManifest> {
  return resolveCatalogSchemaIds({ manifest, topics, registry });
}
