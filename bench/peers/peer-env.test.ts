import { afterEach, describe, expect, it } from 'vitest';
import { readPeerEnv } from './peer-env.ts';

describe('readPeerEnv', () => {
  afterEach(() => {
    delete process.env.PEER_TEST_A;
    delete process.env.PEER_TEST_B;
  });

  it('returns every named variable', () => {
    process.env.PEER_TEST_A = 'a';
    process.env.PEER_TEST_B = 'b';
    expect(readPeerEnv(['PEER_TEST_A', 'PEER_TEST_B'])).toEqual({ PEER_TEST_A: 'a', PEER_TEST_B: 'b' });
  });

  it('names every missing or empty variable at once', () => {
    process.env.PEER_TEST_B = '';
    expect(() => readPeerEnv(['PEER_TEST_A', 'PEER_TEST_B'])).toThrow(
      'missing environment: PEER_TEST_A, PEER_TEST_B',
    );
  });
});
