import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeContent } from './content-decoder.ts';

const json = Buffer.from('{"email":"a@example.com"}');

describe('decodeContent', () => {
  it.each([undefined, '', 'identity', ' Identity '])('leaves a body with encoding %j as it is', (header) => {
    expect(decodeContent(json, header, 1024)).toBe(json);
  });

  it.each([
    ['gzip', gzipSync(json)],
    ['x-gzip', gzipSync(json)],
    ['GZIP', gzipSync(json)],
    ['deflate', deflateSync(json)],
    ['br', brotliCompressSync(json)],
  ])('undoes %s', (header, bytes) => {
    expect(decodeContent(bytes, header, 1024).equals(json)).toBe(true);
  });

  it.each(['compress', 'zstd', 'gzip, gzip', 'rot13'])('refuses %s with a 415', (header) => {
    expect(() => decodeContent(json, header, 1024)).toThrow(
      expect.objectContaining({ code: 'UNSUPPORTED_MEDIA_TYPE' }),
    );
  });

  it('refuses a body that claims gzip but is not, with a 400', () => {
    expect(() => decodeContent(json, 'gzip', 1024)).toThrow(
      expect.objectContaining({
        code: 'MALFORMED_BODY',
        message: expect.stringMatching(/not valid gzip data/),
      }),
    );
  });

  it('refuses a truncated gzip body with a 400', () => {
    expect(() => decodeContent(gzipSync(json).subarray(0, 12), 'gzip', 1024)).toThrow(
      expect.objectContaining({ code: 'MALFORMED_BODY' }),
    );
  });

  it('refuses a body that inflates past the limit with a 413', () => {
    // Two kilobytes of spaces compress to a few bytes: the limit applies to what they inflate to.
    const bomb = gzipSync(Buffer.alloc(2048, 0x20));
    expect(() => decodeContent(bomb, 'gzip', 1024)).toThrow(
      expect.objectContaining({ code: 'PAYLOAD_TOO_LARGE' }),
    );
  });
});
