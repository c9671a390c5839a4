import { openSlowClient, post, sendRaw } from '@events/test-kit/raw-http';

export interface LyingClientResult {
  kind: string;
  status: number;
  problemJson: boolean;
  elapsedMs: number;
}

const REGISTRATION = '{"email":"slow@example.com","username":"slow_client"}';

/**
 * Clients no HTTP library would be: a body shorter than its Content-Length and headers that never end.
 * Each must get a problem+json 408 once the server's timeout passes, never hold the socket for longer.
 */
export async function lyingClients(port: number, count: number): Promise<LyingClientResult[]> {
  const shortBodies = Array.from({ length: count }, async () => {
    const request = post(
      '/users',
      { 'content-type': 'application/json', 'content-length': '500' },
      REGISTRATION,
    );
    const response = await sendRaw(port, request);
    return {
      kind: 'body-shorter-than-content-length',
      status: response.status,
      problemJson: response.headers['content-type']?.startsWith('application/problem+json') ?? false,
      elapsedMs: response.elapsedMs,
    };
  });
  const endlessHeaders = Array.from({ length: count }, async () => {
    const started = Date.now();
    const client = await openSlowClient(port, 'POST /users HTTP/1.1\r\nhost: e2e\r\n');
    const answer = await client.answer;
    return {
      kind: 'headers-never-end',
      status: Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0),
      problemJson: /content-type: application\/problem\+json/i.test(answer),
      elapsedMs: Date.now() - started,
    };
  });
  return Promise.all([...shortBodies, ...endlessHeaders]);
}
