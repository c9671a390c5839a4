import type { IncomingMessage } from 'node:http';
import { PassThrough } from 'node:stream';
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
  it('reads a body of its declared length', async () => {
    const body = await readBody(request({ 'content-length': String(json.length) }, [json]), {
      limitBytes: 1024,
    });
    expect(body.equals(json)).toBe(true);
  });

  it('reads a body sent without a length', async () => {
    expect((await readBody(request({}, [json]), { limitBytes: 1024 })).equals(json)).toBe(true);
  });

  it('refuses a body over the limit with a 413', async () => {
    await expect(
      readBody(request({}, [Buffer.alloc(2048, 0x20)]), { limitBytes: 1024 }),
    ).rejects.toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
    });
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
});
