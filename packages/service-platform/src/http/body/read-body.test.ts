import type { IncomingMessage } from 'node:http';
import { PassThrough } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readBody } from './read-body.ts';

function request(headers: Record<string, string>, chunks: Buffer[], end = true): IncomingMessage {
  const stream = new PassThrough();
  for (const chunk of chunks) stream.write(chunk);
  if (end) stream.end();
  return Object.assign(stream, { headers }) as unknown as IncomingMessage;
}

const json = Buffer.from('{"email":"a@example.com"}');

describe('readBody', () => {
  it('reads an unencoded body of its declared length', async () => {
    const body = await readBody(request({ 'content-length': String(json.length) }, [json]), {
      limitBytes: 1024,
    });
    expect(body.equals(json)).toBe(true);
  });

  it('undoes gzip', async () => {
    const body = await readBody(request({ 'content-encoding': 'gzip' }, [gzipSync(json)]), {
      limitBytes: 1024,
    });
    expect(body.equals(json)).toBe(true);
  });

  it('refuses a body that claims gzip but is not, with a 400', async () => {
    await expect(
      readBody(request({ 'content-encoding': 'gzip' }, [json]), { limitBytes: 1024 }),
    ).rejects.toMatchObject({
      code: 'MALFORMED_BODY',
      message: expect.stringMatching(/not valid gzip data/),
    });
  });

  it('refuses a truncated gzip body with a 400', async () => {
    const truncated = gzipSync(json).subarray(0, 12);
    await expect(
      readBody(request({ 'content-encoding': 'gzip' }, [truncated]), { limitBytes: 1024 }),
    ).rejects.toMatchObject({ code: 'MALFORMED_BODY' });
  });

  it('refuses a body over the limit with a 413, compressed or not', async () => {
    const big = Buffer.alloc(2048, 0x20);
    await expect(readBody(request({}, [big]), { limitBytes: 1024 })).rejects.toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
    });
    // Two kilobytes of spaces compress to a few bytes: the limit applies to what they inflate to.
    await expect(
      readBody(request({ 'content-encoding': 'gzip' }, [gzipSync(big)]), { limitBytes: 1024 }),
    ).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });

  it('refuses a declared length over the limit before reading anything', async () => {
    await expect(
      readBody(request({ 'content-length': '999999' }, [], false), { limitBytes: 1024 }),
    ).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });

  it('refuses a body that ends before its Content-Length with a 400', async () => {
    await expect(
      readBody(request({ 'content-length': '100' }, [json]), { limitBytes: 1024 }),
    ).rejects.toMatchObject({ code: 'MALFORMED_BODY', message: expect.stringMatching(/Content-Length/) });
  });

  it('refuses an unsupported encoding with a 415', async () => {
    await expect(
      readBody(request({ 'content-encoding': 'compress' }, [json]), { limitBytes: 1024 }),
    ).rejects.toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
  });
});
