export { type Backoff, backoffDelay, createBackoff } from './backoff.ts';
export { DeadlineExceededError, withDeadline } from './deadline.ts';
export { runService } from './run-service.ts';
