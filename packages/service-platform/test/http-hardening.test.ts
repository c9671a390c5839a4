import { gzipSync } from 'node:zlib';
import { openSlowClient, post, type RawResponse, sendRaw } from '@events/test-kit/raw-http';
import { Router } from 'express';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHttpServer } from '../src/http/http-server.ts';
import { createServiceApp, jsonBody, startHttpServer } from '../src/http/index.ts';
import { createMetricsRegistry } from '../src/observability/metrics-registry.ts';

const HEADERS_TIMEOUT_MS = 1_000;
const REQUEST_TIMEOUT_MS = 2_000;

let server: RunningHttpServer;

beforeAll(async () => {
  const echo = Router().post('/echo', jsonBody(), (req, res) => {
    res.json(req.body);
  });
  const app = createServiceApp({
    logger: pino({ level: 'silent' }),
    registry: createMetricsRegistry({ defaultMetrics: false }),
    readiness: {},
    contracts: () => ({}),
    routes: [echo],
  });
  server = await startHttpServer({
    app,
    config: {
      port: 0,
      host: '127.0.0.1',
      headersTimeoutMs: HEADERS_TIMEOUT_MS,
      requestTimeoutMs: REQUEST_TIMEOUT_MS,
      keepAliveTimeoutMs: 1_000,
    },
    logger: pino({ level: 'silent' }),
  });
});

afterAll(async () => {
  await server.close();
});

const json = (body: Buffer | string, headers: Record<string, string> = {}) =>
  sendRaw(server.port, post('/echo', { 'content-type': 'application/json', ...headers }, body));

async function expectProblem(response: RawResponse, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(JSON.parse(response.body)).toMatchObject({ status, code });
  // And the server is still fine.
  const health = await fetch(`http://127.0.0.1:${server.port}/healthz`);
  expect(health.status).toBe(200);
}

describe('a service over a raw socket', () => {
  it('echoes a valid body byte for byte', async () => {
    const response = await json('{"name":"Zoë 🚀"}');
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ name: 'Zoë 🚀' });
  });

  it('refuses a UTF-16 charset with a 415', async () => {
    await expectProblem(
      await json('{}', { 'content-type': 'application/json; charset=utf-16' }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
  });

  it('refuses an encoding it cannot undo with a 415', async () => {
    await expectProblem(await json('{}', { 'content-encoding': 'compress' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('refuses a gzip header on a body that is not gzip with a 400', async () => {
    await expectProblem(await json('{"a":1}', { 'content-encoding': 'gzip' }), 400, 'MALFORMED_BODY');
  });

  it('reads a real gzip body', async () => {
    const response = await json(gzipSync('{"a":1}'), { 'content-encoding': 'gzip' });
    expect(JSON.parse(response.body)).toEqual({ a: 1 });
  });

  it('refuses invalid UTF-8 inside a string with a 400 naming the problem', async () => {
    const body = Buffer.concat([
      Buffer.from('{"email":"'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('@x.io"}'),
    ]);
    const response = await json(body);
    await expectProblem(response, 400, 'MALFORMED_BODY');
    expect(JSON.parse(response.body).detail).toBe(
      'The body is not valid UTF-8: invalid byte sequence at byte offset 10.',
    );
  });

  it('refuses a key given twice with a 400', async () => {
    const response = await json('{"email":"a@example.com","email":"b@example.com"}');
    await expectProblem(response, 400, 'MALFORMED_BODY');
    expect(JSON.parse(response.body).errors).toEqual([{ path: 'email', message: 'duplicate key' }]);
  });

  it('answers a body shorter than its Content-Length with a 408 within the request timeout', async () => {
    const response = await json('{"a":1}', { 'content-length': '100' });
    await expectProblem(response, 408, 'REQUEST_TIMEOUT');
    expect(response.elapsedMs).toBeLessThan(REQUEST_TIMEOUT_MS + 2_000);
  });

  it('refuses a body over the limit with a 413 that a client still sending it receives', async () => {
    const response = await fetch(`http://127.0.0.1:${server.port}/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ big: 'y'.repeat(2_000_000) }),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });

  it('answers bytes that are not HTTP with a 400', async () => {
    await expectProblem(await sendRaw(server.port, 'HELLO\r\n\r\n'), 400, 'BAD_REQUEST');
  });

  it('answers an unknown route and a path it cannot decode with problem details', async () => {
    const unknown = await sendRaw(
      server.port,
      'GET /nowhere HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n',
    );
    await expectProblem(unknown, 404, 'NOT_FOUND');
    expect(JSON.parse(unknown.body)).toMatchObject({ instance: '/nowhere' });
  });

  it('keeps serving while many clients trickle headers, and closes those after the headers timeout', async () => {
    const slow = await Promise.all(
      Array.from({ length: 200 }, () => openSlowClient(server.port, 'POST /echo HTTP/1.1\r\nhost: x\r\n')),
    );
    const started = Date.now();
    const response = await json('{"ok":true}');
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(HEADERS_TIMEOUT_MS);
    const answers = await Promise.all(slow.map((client) => client.answer));
    expect(Date.now() - started).toBeLessThan(HEADERS_TIMEOUT_MS + 2_000);
    for (const answer of answers) expect(answer).toMatch(/^HTTP\/1\.1 408 .*"code":"REQUEST_TIMEOUT"/s);
  });
});
