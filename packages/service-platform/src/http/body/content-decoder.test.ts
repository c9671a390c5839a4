import { describe, expect, it } from 'vitest';
import { contentDecoder } from './content-decoder.ts';

describe('contentDecoder', () => {
  it.each([undefined, '', 'identity', ' Identity '])('reads %j as an unencoded body', (header) => {
    expect(contentDecoder(header)).toBeUndefined();
  });

  it.each(['gzip', 'x-gzip', 'deflate', 'br', 'GZIP'])('undoes %s', (header) => {
    expect(contentDecoder(header)?.name).toBe(header.toLowerCase());
  });

  it.each(['compress', 'zstd', 'gzip, gzip', 'rot13'])('refuses %s with a 415', (header) => {
    expect(() => contentDecoder(header)).toThrow(expect.objectContaining({ code: 'UNSUPPORTED_MEDIA_TYPE' }));
  });
});
