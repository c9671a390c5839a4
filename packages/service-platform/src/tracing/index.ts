export type { Context, Span } from '@opentelemetry/api';
export {
  type ContractAttributes,
  contextOf,
  contextWith,
  failSpan,
  injectInto,
  type MessageCoordinates,
  recordContract,
  startLinkedSendSpan,
  startProcessSpan,
  startSendSpan,
  startWorkSpan,
  withSpan,
} from './messaging-spans.ts';
export { startTracing, type Tracing } from './start-tracing.ts';
