export { type Backoff, backoffDelay, createBackoff } from './backoff.ts';
export { runService } from './run-service.ts';
