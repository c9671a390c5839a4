import { gzipSync } from 'node:zlib';

/** Requests a registration endpoint must refuse with a 4xx, never a 5xx, and without writing anything. */
export interface MalformedRequest {
  kind: string;
  contentType: string | undefined;
  body: string | Buffer;
  headers?: Record<string, string>;
  /** The documented status, for the kinds that have exactly one. */
  expectedStatus?: number;
}

const huge = 'x'.repeat(200_000);

const templates: Array<(i: number) => MalformedRequest> = [
  (i) => json('bad-json', `{"email": "a${i}@example.com", "username": `),
  (i) => json('bad-json-trailing-comma', `{"email":"b${i}@example.com","username":"u${i}",}`),
  () => json('json-array', '[1,2,3]'),
  () => json('json-null', 'null'),
  () => json('json-string', '"just a string"'),
  () => json('empty-body', ''),
  (i) => json('wrong-types', JSON.stringify({ email: i, username: ['x'], displayName: { a: 1 } })),
  (i) => json('missing-username', JSON.stringify({ email: `m${i}@example.com` })),
  () => json('missing-email', JSON.stringify({ username: 'nobody_here' })),
  (i) => json('bad-email', JSON.stringify({ email: `not-an-email-${i}`, username: `bad_email_${i}` })),
  (i) => json('huge-username', JSON.stringify({ email: `h${i}@example.com`, username: huge })),
  (i) =>
    json(
      'huge-display-name',
      JSON.stringify({ email: `d${i}@example.com`, username: `hd${i}`, displayName: 'é'.repeat(5000) }),
    ),
  (i) =>
    json('unknown-field', JSON.stringify({ email: `f${i}@example.com`, username: `uf${i}`, isAdmin: true })),
  (i) =>
    json(
      'sql-ish',
      JSON.stringify({ email: `s${i}@example.com'; DROP TABLE users;--`, username: "x' OR '1'='1" }),
    ),
  (i) =>
    json('control-chars', JSON.stringify({ email: `c${i}@example.com`, username: `ctl\u0000\u0007${i}` })),
  (i) => json('lone-surrogate', `{"email":"l${i}@example.com","username":"\\ud800x${i}"}`),
  (i) =>
    json(
      'prototype-pollution',
      `{"__proto__":{"admin":true},"email":"p${i}@example.com","username":"pp${i}"}`,
    ),
  (i) =>
    json('deep-nesting', `{"email":"n${i}@example.com","username":${'['.repeat(5000)}${']'.repeat(5000)}}`),
  () =>
    json(
      'oversized-body',
      JSON.stringify({ email: 'o@example.com', username: 'o', displayName: 'y'.repeat(2_000_000) }),
    ),
  (i) => ({ kind: 'text-plain', contentType: 'text/plain', body: `email=t${i}@example.com&username=t${i}` }),
  (i) => ({
    kind: 'form-urlencoded',
    contentType: 'application/x-www-form-urlencoded',
    body: `email=f${i}%40example.com&username=f${i}`,
  }),
  (i) => ({
    kind: 'no-content-type',
    contentType: undefined,
    body: `{"email":"z${i}@example.com","username":"z${i}"}`,
  }),
  () => ({ kind: 'xml', contentType: 'application/xml', body: '<user><email>x@example.com</email></user>' }),
  () => ({
    kind: 'invalid-utf8',
    contentType: 'application/json',
    body: Buffer.from('{"email":"\xff\xfe@x.io","username":"u"}', 'latin1'),
    expectedStatus: 400,
  }),
  (i) => ({
    kind: 'charset-utf-16',
    contentType: 'application/json; charset=utf-16',
    body: `{"email":"w${i}@example.com","username":"w${i}"}`,
    expectedStatus: 415,
  }),
  (i) => ({
    kind: 'gzip-header-plain-body',
    contentType: 'application/json',
    headers: { 'content-encoding': 'gzip' },
    body: `{"email":"g${i}@example.com","username":"g${i}"}`,
    expectedStatus: 400,
  }),
  (i) => ({
    kind: 'truncated-gzip',
    contentType: 'application/json',
    headers: { 'content-encoding': 'gzip' },
    body: gzipSync(`{"email":"t${i}@example.com","username":"tg${i}"}`).subarray(0, 15),
    expectedStatus: 400,
  }),
  (i) => ({
    kind: 'unsupported-encoding',
    contentType: 'application/json',
    headers: { 'content-encoding': 'compress' },
    body: `{"email":"e${i}@example.com","username":"e${i}"}`,
    expectedStatus: 415,
  }),
  (i) => ({
    ...json('duplicate-key', `{"email":"k${i}@example.com","email":"q${i}@example.com","username":"k${i}"}`),
    expectedStatus: 400,
  }),
];

function json(kind: string, body: string): MalformedRequest {
  return { kind, contentType: 'application/json', body };
}

/**
 * The `i`-th request of a deterministic mix of every malformed kind. Built one at a time as they are
 * sent: building thousands up front (megabytes each for the oversized ones) blocked the harness's event
 * loop for seconds, long enough for the server to close idle keep-alive sockets the client still
 * thought reusable, so the first request after it failed on a dead socket.
 */
export function malformedRequest(i: number): MalformedRequest {
  return templates[i % templates.length]!(i);
}
