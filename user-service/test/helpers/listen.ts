import type { AddressInfo } from 'node:net';
import type { ProblemDetails } from '@events/service-platform/http';
import { cleanUpLater } from '@events/test-kit/cleanup';
import type { Express } from 'express';

/** Listens on a free port; the server closes when the calling test (or file) ends. */
export async function listen(app: Express): Promise<string> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  cleanUpLater(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export async function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
  signal?: AbortSignal,
): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    ...(signal === undefined ? {} : { signal }),
  });
}

export interface UserBody {
  id: string;
  email: string;
  username: string;
  displayName: string | null;
  registeredAt: string;
}

/** Typed views of response bodies; the assertions on them are what checks the shape. */
export const userBody = async (response: Response) => (await response.json()) as UserBody;
export async function problemBody(response: Response): Promise<ProblemDetails> {
  if (!response.headers.get('content-type')?.startsWith('application/problem+json'))
    throw new Error(`expected problem details, got ${response.headers.get('content-type')}`);
  return (await response.json()) as ProblemDetails;
}
