import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from './helpers/database.ts';
import { useTestTopic } from './helpers/kafka.ts';
import { postJson } from './helpers/listen.ts';
import { startTestService } from './helpers/service.ts';

describe('graceful shutdown', () => {
  it('finishes a request already in flight, then refuses new ones', async () => {
    const db = await useTestDatabase();
    const service = await startTestService({ db, topic: await useTestTopic() });
    const body = JSON.stringify({ email: 'inflight@example.com', username: 'inflight' });

    // Half a request is on the wire when shutdown starts; the rest follows after.
    const inFlight = new Promise<number>((resolve, reject) => {
      const req = request(`${service.url}/users`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      });
      req.on('response', (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      req.on('error', reject);
      req.write(body.slice(0, 10));
      setTimeout(() => req.end(body.slice(10)), 300);
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const closed = service.stop();

    expect(await inFlight).toBe(201);
    await closed;
    await expect(postJson(`${service.url}/users`, {})).rejects.toThrow();
    expect(await db.count('users')).toBe(1);
  });
});
