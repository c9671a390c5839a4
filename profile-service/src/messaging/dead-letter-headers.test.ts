import { describe, expect, it } from 'vitest';
import { buildDeadLetterHeaders, withoutDeadLetterHeaders } from './dead-letter-headers.ts';
import { headerText } from './message-headers.ts';

const origin = {
  topic: 'user_register',
  partition: 4,
  offset: '17',
  timestamp: '1700000000000',
  consumerGroup: 'profile-service',
  errorCode: 'UNKNOWN_SCHEMA_ID',
  errorMessage: 'schema 999999 not found',
};

describe('dead-letter headers', () => {
  it('keeps the original headers and names where the message came from and why it failed', () => {
    const headers = buildDeadLetterHeaders({ traceparent: 'tp', 'event-id': Buffer.from('e1') }, origin);
    expect(headerText(headers, 'traceparent')).toBe('tp');
    expect(headerText(headers, 'event-id')).toBe('e1');
    expect(headerText(headers, 'dlq-original-topic')).toBe('user_register');
    expect(headerText(headers, 'dlq-original-partition')).toBe('4');
    expect(headerText(headers, 'dlq-original-offset')).toBe('17');
    expect(headerText(headers, 'dlq-original-timestamp')).toBe('1700000000000');
    expect(headerText(headers, 'dlq-consumer-group')).toBe('profile-service');
    expect(headerText(headers, 'dlq-error-code')).toBe('UNKNOWN_SCHEMA_ID');
    expect(headerText(headers, 'dlq-error-message')).toBe('schema 999999 not found');
  });

  it('strips the dead-letter headers and any earlier replay marker to recover the original ones', () => {
    const headers = {
      ...buildDeadLetterHeaders({ traceparent: 'tp' }, origin),
      'dlq-replayed-from': 'x:0:1',
    };
    expect(withoutDeadLetterHeaders(headers)).toEqual({ traceparent: 'tp' });
  });
});
