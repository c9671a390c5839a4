import { describe, expect, it } from 'vitest';
import { ServiceError } from '../errors/service-error.ts';
import { problemFromError } from './problem-types.ts';

const context = { instance: '/users', requestId: 'req-1' };

describe('problemFromError', () => {
  it('maps a known code to its status, title and type with the field errors', () => {
    const error = new ServiceError('VALIDATION_FAILED', 'The request body is invalid.', {
      errors: [{ path: 'email', message: 'email is required' }],
    });
    expect(problemFromError(error, context)).toEqual({
      type: 'urn:typed-kafka-events:problem:validation-failed',
      title: 'The request breaks a validation rule',
      status: 400,
      detail: 'The request body is invalid.',
      instance: '/users',
      code: 'VALIDATION_FAILED',
      requestId: 'req-1',
      errors: [{ path: 'email', message: 'email is required' }],
    });
  });

  it('answers 503 without the message for a retriable error of a service-specific code', () => {
    const error = new ServiceError('DATABASE_UNAVAILABLE', 'pool timeout on 10.0.0.7', { retriable: true });
    const problem = problemFromError(error, context);
    expect(problem).toMatchObject({ status: 503, code: 'UNAVAILABLE' });
    expect(problem.detail).not.toContain('10.0.0.7');
  });

  it('keeps an unknown outcome apart from a failure: its own 503 type, with the detail saying how to learn it', () => {
    const error = new ServiceError('OUTCOME_UNKNOWN', 'Retry with the same Idempotency-Key.', {
      retriable: true,
    });
    expect(problemFromError(error, context)).toMatchObject({
      type: 'urn:typed-kafka-events:problem:outcome-unknown',
      status: 503,
      code: 'OUTCOME_UNKNOWN',
      detail: 'Retry with the same Idempotency-Key.',
    });
  });

  it.each([
    ['IDEMPOTENCY_KEY_IN_USE', 409],
    ['IDEMPOTENCY_KEY_REUSED', 422],
  ])('answers %s with %i', (code, status) => {
    expect(problemFromError(new ServiceError(code, 'detail'), context)).toMatchObject({ status, code });
  });

  it('never leaks an unexpected error into a 500', () => {
    const problem = problemFromError(new Error('relation "users" does not exist'), context);
    expect(problem).toMatchObject({ status: 500, code: 'INTERNAL', detail: 'Internal server error.' });
    expect(JSON.stringify(problem)).not.toContain('relation');
  });

  it('keeps the status of a client error Express raised itself', () => {
    const error = Object.assign(new Error("Failed to decode param '%E0%A4%A'"), {
      status: 400,
      expose: true,
    });
    expect(problemFromError(error, context)).toMatchObject({ status: 400, code: 'BAD_REQUEST' });
  });
});
