import type { EventRouter } from '../handlers.ts';
import type { RegisteredSchema, TopicDescriptor, TopicDescriptors } from '../topic-descriptor.ts';
import { topicDescriptor } from '../topics.ts';
import {
  type ConsumedTopicSurface,
  type ContractManifest,
  type KeySurface,
  MANIFEST_FORMAT,
  type ProducedTopicSurface,
  type SchemaSurface,
  type ServiceIdentity,
} from './contract-manifest.ts';

/** What a consumer declares about one topic: its event router says it. */
export type ConsumedTopicDeclaration = Pick<
  EventRouter<TopicDescriptors, string>,
  'topic' | 'eventTypes' | 'unknownEvents'
>;

export interface ContractSurfaceInput {
  service: ServiceIdentity;
  /** The generated topic map the service is compiled against. */
  topics: TopicDescriptors;
  /** The topics the service writes (e.g. its `producedTopics` list). */
  produces: readonly string[];
  /** The event router of each topic it reads. */
  consumes: readonly ConsumedTopicDeclaration[];
}

/**
 * The service's manifest with schema ids unknown (null): built offline from what the code declares, so the same
 * function serves a running service (which then asks the registry, resolveSchemaIds) and a candidate in CI.
 */
export function describeContractSurface({
  service,
  topics,
  produces,
  consumes,
}: ContractSurfaceInput): ContractManifest {
  return {
    format: MANIFEST_FORMAT,
    service,
    produces: produces.map((topic) => producedSurface(topicDescriptor(topics, topic))),
    consumes: consumes.map((router) => consumedSurface(topicDescriptor(topics, router.topic), router)),
  };
}

function producedSurface(descriptor: TopicDescriptor): ProducedTopicSurface {
  return {
    ...topicSurface(descriptor),
    writers: Object.fromEntries(
      Object.keys(descriptor.events).map((type) => [type, eventSchema(descriptor, type)]),
    ),
  };
}

function consumedSurface(
  descriptor: TopicDescriptor,
  router: ConsumedTopicDeclaration,
): ConsumedTopicSurface {
  return {
    ...topicSurface(descriptor),
    events: Object.fromEntries(
      Object.keys(descriptor.events).map((type) => [
        type,
        { handling: handlingOf(router, type), reader: eventSchema(descriptor, type) },
      ]),
    ),
    unknownEventTypes: router.unknownEvents,
  };
}

function handlingOf(router: ConsumedTopicDeclaration, type: string) {
  const handling = router.eventTypes[type];
  if (!handling)
    throw new Error(`the ${router.topic} router was built on another topic map: it lacks ${type}`);
  return handling;
}

function topicSurface(descriptor: TopicDescriptor) {
  const key: KeySurface =
    descriptor.key.type === 'string'
      ? { encoding: 'string' }
      : { encoding: 'avro', schema: schemaSurface(descriptor.key.registered, descriptor.key.schema) };
  return {
    topic: descriptor.topic,
    strategy: descriptor.strategy,
    multiEvent: descriptor.multiEvent,
    key,
  };
}

/** An event type's schema under the subject that registers it: the topic's value subject, or its own. */
function eventSchema(descriptor: TopicDescriptor, type: string): SchemaSurface {
  const event = descriptor.events[type];
  const registered = descriptor.strategy === 'TopicNameStrategy' ? descriptor.value : event?.registered;
  if (!event || !registered)
    throw new Error(`${descriptor.topic}: event type ${type} has no registered schema`);
  return schemaSurface(registered, event.schema);
}

function schemaSurface(registered: RegisteredSchema, schema: unknown): SchemaSurface {
  return { subject: registered.subject, version: registered.version, schemaId: null, schema };
}
