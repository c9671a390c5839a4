import { gzipSync } from 'node:zlib';
import { post, type RawResponse, sendRaw } from '@events/test-kit/raw-http';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestDatabase } from './helpers/database.ts';
import { useService } from './helpers/service.ts';

const REQUEST_TIMEOUT_MS = 2_000;

let db: TestDatabase;
let port: number;

beforeAll(async () => {
  let url: string;
  ({ db, url } = await useService({
    HTTP_HEADERS_TIMEOUT_MS: '1000',
    HTTP_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
  }));
  port = Number(new URL(url).port);
});

const registration = (n: string) => `{"email":"raw${n}@example.com","username":"raw_${n}"}`;
const send = (body: Buffer | string, headers: Record<string, string> = {}) =>
  sendRaw(port, post('/users', { 'content-type': 'application/json', ...headers }, body));

/** The documented status as problem details, nothing written, and the service still answering. */
async function expectRefused(response: RawResponse, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(JSON.parse(response.body)).toMatchObject({ status, code });
  expect(await db.count('users')).toBe(0);
  expect(await db.count('outbox')).toBe(0);
  expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
}

describe('POST /users over a raw socket', () => {
  it('refuses a UTF-16 charset with a 415', async () => {
    await expectRefused(
      await send(registration('a'), { 'content-type': 'application/json; charset=utf-16' }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
  });

  it('refuses an encoding it cannot undo with a 415', async () => {
    await expectRefused(
      await send(registration('b'), { 'content-encoding': 'zstd' }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
  });

  it('refuses a gzip header on a body that is not gzip with a 400', async () => {
    await expectRefused(await send(registration('c'), { 'content-encoding': 'gzip' }), 400, 'MALFORMED_BODY');
  });

  it('refuses invalid UTF-8 inside a string with a 400 instead of storing U+FFFD', async () => {
    const body = Buffer.concat([
      Buffer.from('{"email":"'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('@x.io","username":"utf"}'),
    ]);
    const response = await send(body);
    await expectRefused(response, 400, 'MALFORMED_BODY');
    expect(JSON.parse(response.body).detail).toMatch(/not valid UTF-8/);
  });

  it('refuses two emails in one body with a 400', async () => {
    await expectRefused(
      await send('{"email":"one@example.com","email":"two@example.com","username":"twice"}'),
      400,
      'MALFORMED_BODY',
    );
  });

  it('answers a body shorter than its Content-Length with a 408 within the request timeout', async () => {
    const response = await send(registration('d'), { 'content-length': '500' });
    await expectRefused(response, 408, 'REQUEST_TIMEOUT');
    expect(response.elapsedMs).toBeLessThan(REQUEST_TIMEOUT_MS + 2_000);
  });

  it('still registers a gzip body sent properly', async () => {
    const response = await send(gzipSync(registration('e')), { 'content-encoding': 'gzip' });
    expect(response.status).toBe(201);
    expect(await db.count('users')).toBe(1);
  });
});
