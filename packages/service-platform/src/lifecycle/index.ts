export { type Backoff, type BackoffOptions, backoffDelay, createBackoff } from './backoff.ts';
export { type RunServiceOptions, runService, type Stoppable } from './run-service.ts';
