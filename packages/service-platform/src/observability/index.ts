export { createLogger, type Logger } from './logger.ts';
export { createMetricsRegistry } from './metrics-registry.ts';
