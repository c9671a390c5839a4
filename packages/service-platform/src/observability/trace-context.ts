import { randomBytes } from 'node:crypto';
import { context, isSpanContextValid, trace } from '@opentelemetry/api';

/** W3C Trace Context (https://www.w3.org/TR/trace-context/) `traceparent`, version 00. */
export interface TraceContext {
  traceId: string;
  spanId: string;
  flags: string;
}

const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;
const ALL_ZERO = /^0+$/;

export function parseTraceparent(header: string | undefined): TraceContext | undefined {
  const match = header === undefined ? null : TRACEPARENT.exec(header.trim());
  if (!match) return undefined;
  const [, version, traceId, spanId, flags, rest] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
    string?,
  ];
  // Version ff is forbidden; version 00 must not carry extra fields, later versions may.
  if (version === 'ff' || (version === '00' && rest !== undefined)) return undefined;
  if (ALL_ZERO.test(traceId) || ALL_ZERO.test(spanId)) return undefined;
  return { traceId, spanId, flags };
}

/**
 * The trace context a request works in: the active OpenTelemetry span when tracing is on (the HTTP server
 * span), else a child of the incoming `traceparent` or a new trace, so the context still flows downstream.
 */
export function requestTrace(header: string | undefined): TraceContext {
  const active = trace.getSpanContext(context.active());
  if (active !== undefined && isSpanContextValid(active))
    return {
      traceId: active.traceId,
      spanId: active.spanId,
      flags: active.traceFlags.toString(16).padStart(2, '0'),
    };
  return continueTrace(header);
}

const RANDOM_POOL_BYTES = 4096;
let randomPool = Buffer.alloc(0);
let randomOffset = 0;

/**
 * `bytes` random bytes as hex, cut from a pool filled 4 KiB at a time: one randomBytes call per id was 3 % of
 * user-service's CPU under load (bench `http-register --profile`), as node's randomUUID pools for the same reason.
 */
function randomHex(bytes: number): string {
  if (randomOffset + bytes > randomPool.length) {
    randomPool = randomBytes(RANDOM_POOL_BYTES);
    randomOffset = 0;
  }
  randomOffset += bytes;
  return randomPool.toString('hex', randomOffset - bytes, randomOffset);
}

/** A child span of the incoming context, or the root span of a new sampled trace. */
export function continueTrace(header: string | undefined): TraceContext {
  const parent = parseTraceparent(header);
  return {
    traceId: parent?.traceId ?? randomHex(16),
    spanId: randomHex(8),
    flags: parent?.flags ?? '01',
  };
}

export function formatTraceparent(context: TraceContext): string {
  return `00-${context.traceId}-${context.spanId}-${context.flags}`;
}
