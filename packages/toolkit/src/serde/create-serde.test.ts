import { describe, expect, it } from 'vitest';
import { topics, type UserRegister } from '../../test/generated/user-catalog/index.ts';
import type { ContractError } from '../errors.ts';
import { createSerde } from './create-serde.ts';

// Nothing listens on this privileged port: every registry call fails as unavailable.
const offline = createSerde({ topics, registry: { url: 'http://127.0.0.1:4/apis/ccompat/v7' } });

const valid: UserRegister = {
  userId: '8a4f2c1e-1234-4cde-9abc-0123456789ab',
  email: 'ada@example.com',
  username: 'ada',
  registeredAt: new Date('2024-01-02T03:04:05Z'),
  displayName: null,
};

async function failure(promise: Promise<unknown>): Promise<ContractError> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: ContractError) => error,
  );
}

describe('createSerde without a registry', () => {
  it('lists every bad field with its path before touching the registry', async () => {
    const bad = { ...valid, userId: 'not-a-uuid', email: 42, registeredAt: 'yesterday', displayName: 7 };
    const error = await failure(offline.encode('user_register', bad as unknown as UserRegister));
    expect(error).toMatchObject({ name: 'ContractError', code: 'INVALID_VALUE', retriable: false });
    expect(error.details).toEqual([
      { path: 'userId', message: 'expected uuid (string), got "not-a-uuid"' },
      { path: 'email', message: 'expected string, got 42' },
      { path: 'registeredAt', message: 'expected timestamp-millis (Date), got "yesterday"' },
      { path: 'displayName', message: 'expected one of null | string, got 7' },
    ]);
  });

  it('reports a missing field by its path', async () => {
    const { email: _email, ...withoutEmail } = valid;
    const error = await failure(offline.encode('user_register', withoutEmail as UserRegister));
    expect(error.details).toEqual([{ path: 'email', message: 'expected string, got undefined' }]);
  });

  it('rejects a topic the contract does not define', async () => {
    const error = await failure(offline.encode('no_such_topic' as 'user_register', valid));
    expect(error).toMatchObject({ code: 'UNKNOWN_TOPIC', retriable: false });
  });

  it('rejects a message that is not in the wire format without a registry call', async () => {
    const error = await failure(offline.decode('user_register', Buffer.from('plain text')));
    expect(error).toMatchObject({ code: 'NOT_WIRE_FORMAT', retriable: false });
  });

  it('fails a valid encode with a retriable REGISTRY_UNAVAILABLE naming what it tried', async () => {
    const error = await failure(offline.encode('user_register', valid));
    expect(error).toMatchObject({ code: 'REGISTRY_UNAVAILABLE', retriable: true });
    expect(error.message).toContain('user_register-value');
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('fails a decode of an unseen schema id with a retriable REGISTRY_UNAVAILABLE', async () => {
    const error = await failure(offline.decode('user_register', Buffer.from([0, 0, 0, 0, 42, 0])));
    expect(error).toMatchObject({ code: 'REGISTRY_UNAVAILABLE', retriable: true });
    expect(error.message).toContain('schema id 42');
  });
});
