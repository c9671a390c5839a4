import {
  type Attributes,
  type Context,
  context,
  propagation,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  type TextMapGetter,
  trace,
} from '@opentelemetry/api';
import type { IHeaders } from 'kafkajs';

/**
 * Spans that follow an event across the outbox and Kafka, named and attributed after OpenTelemetry's
 * messaging conventions. Without a started SDK they are the API's no-ops and headers pass through untouched.
 */
const tracer = trace.getTracer('@events/service-platform');

/** What the contract says about a message; recorded on publish and process spans. */
export interface ContractAttributes {
  subject?: string;
  schemaId?: number;
  schemaVersion?: number;
  eventType?: string;
}

export interface MessageCoordinates {
  topic: string;
  /** A Kafka key as kafkajs holds it; recorded as text. */
  key?: Buffer | string | null | undefined;
  partition?: number;
  offset?: string;
}

const headerGetter: TextMapGetter<IHeaders> = {
  keys: (headers) => Object.keys(headers),
  get: (headers, key) => {
    const value = headers[key];
    const first = Array.isArray(value) ? value[0] : value;
    return first === undefined ? undefined : first.toString();
  },
};

/** The trace context a message (or an outbox row) carries in its `traceparent` header. */
export function contextOf(headers: IHeaders | undefined): Context {
  return headers === undefined ? ROOT_CONTEXT : propagation.extract(ROOT_CONTEXT, headers, headerGetter);
}

/** A PRODUCER span for one message, child of `parent`; its context goes into the message's headers. */
export function startSendSpan(
  message: MessageCoordinates,
  parent: Context,
  contract: ContractAttributes = {},
): Span {
  return tracer.startSpan(
    `send ${message.topic}`,
    { kind: SpanKind.PRODUCER, attributes: attributesOf('send', message, contract) },
    parent,
  );
}

/** A CONSUMER span for processing one message, continuing the trace its headers carry. */
export function startProcessSpan(message: MessageCoordinates, headers: IHeaders | undefined): Span {
  return tracer.startSpan(
    `process ${message.topic}`,
    { kind: SpanKind.CONSUMER, attributes: attributesOf('process', message, {}) },
    contextOf(headers),
  );
}

/** An internal span (a batch upsert, say) under `parent`, linked to every span it works for. */
export function startWorkSpan(title: string, parent: Span | undefined, linked: Span[]): Span {
  const links = linked.filter((span) => span.isRecording()).map((span) => ({ context: span.spanContext() }));
  return tracer.startSpan(title, { links }, parent ? contextWith(parent) : ROOT_CONTEXT);
}

/** A span that only links to where a message came from (a re-publish of a dead letter, say). */
export function startLinkedSendSpan(message: MessageCoordinates, origin: Context): Span {
  const from = trace.getSpanContext(origin);
  return tracer.startSpan(`send ${message.topic}`, {
    kind: SpanKind.PRODUCER,
    attributes: attributesOf('send', message, {}),
    links: from ? [{ context: from }] : [],
  });
}

/** Writes the span's `traceparent` into the headers; without an SDK the headers are left as they are. */
export function injectInto(headers: IHeaders, span: Span): void {
  propagation.inject(contextWith(span), headers);
}

export function recordContract(span: Span, contract: ContractAttributes): void {
  span.setAttributes(contractAttributes(contract));
}

export function failSpan(span: Span, error: unknown, reason?: string): void {
  span.recordException(error instanceof Error ? error : String(error));
  span.setStatus({
    code: SpanStatusCode.ERROR,
    message: reason ?? String((error as Error)?.message ?? error),
  });
}

/** A context whose active span is `span`: the parent for spans that continue its work later. */
export function contextWith(span: Span): Context {
  return trace.setSpan(ROOT_CONTEXT, span);
}

/** Runs `work` with `span` as the active span, so instrumented calls inside (pg, http) become its children. */
export function withSpan<T>(span: Span, work: () => T): T {
  return context.with(trace.setSpan(context.active(), span), work);
}

function attributesOf(
  operation: 'send' | 'process',
  message: MessageCoordinates,
  contract: ContractAttributes,
): Attributes {
  return {
    'messaging.system': 'kafka',
    'messaging.operation.name': operation,
    'messaging.operation.type': operation,
    'messaging.destination.name': message.topic,
    ...(message.partition !== undefined && {
      'messaging.destination.partition.id': String(message.partition),
    }),
    ...(message.offset !== undefined && { 'messaging.kafka.offset': Number(message.offset) }),
    ...(message.key != null && { 'messaging.kafka.message.key': message.key.toString() }),
    ...contractAttributes(contract),
  };
}

/** Our own namespace for what the messaging conventions have no words for: the Avro contract. */
function contractAttributes(contract: ContractAttributes): Attributes {
  return {
    ...(contract.subject !== undefined && { 'contract.subject': contract.subject }),
    ...(contract.schemaId !== undefined && { 'contract.schema.id': contract.schemaId }),
    ...(contract.schemaVersion !== undefined && { 'contract.schema.version': contract.schemaVersion }),
    ...(contract.eventType !== undefined && { 'contract.event_type': contract.eventType }),
  };
}
