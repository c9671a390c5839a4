import { describe, expect, it } from 'vitest';
import { decodeUtf8, invalidUtf8Offset } from './decode-utf8.ts';

describe('decodeUtf8', () => {
  it('keeps every character of valid UTF-8, a real U+FFFD included', () => {
    const text = '{"name":"Zoë 明日 🚀 \uFFFD"}';
    expect(decodeUtf8(Buffer.from(text))).toBe(text);
  });

  it('drops a leading byte order mark', () => {
    expect(decodeUtf8(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{}')]))).toBe('{}');
  });

  it.each([
    ['a stray continuation byte', Buffer.from([0x7b, 0x22, 0x80, 0x22, 0x7d]), 2],
    ['a truncated sequence', Buffer.from([0x22, 0xe6, 0x98, 0x22]), 1],
    ['an overlong encoding', Buffer.from([0x22, 0xc0, 0xaf, 0x22]), 1],
    ['an encoded surrogate', Buffer.from([0x22, 0xed, 0xa0, 0x80, 0x22]), 1],
    ['a latin-1 byte after a real U+FFFD', Buffer.concat([Buffer.from('"\uFFFD'), Buffer.from([0xff])]), 4],
  ])('refuses %s and names the byte offset', (_name, bytes, offset) => {
    expect(invalidUtf8Offset(bytes)).toBe(offset);
    expect(() => decodeUtf8(bytes)).toThrow(
      expect.objectContaining({
        code: 'MALFORMED_BODY',
        message: `The body is not valid UTF-8: invalid byte sequence at byte offset ${offset}.`,
      }),
    );
  });
});
