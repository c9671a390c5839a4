export { createLogger, type LevelWithSilent, type Logger } from './logger.ts';
export { createMetricsRegistry, type Registry } from './metrics-registry.ts';
export { continueTrace, formatTraceparent, parseTraceparent, type TraceContext } from './trace-context.ts';
