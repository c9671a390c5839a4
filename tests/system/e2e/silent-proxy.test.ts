import { once } from 'node:events';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { SilentProxy } from './silent-proxy.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function echoServer(): Promise<number> {
  const server: Server = createServer((socket) => socket.pipe(socket));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  cleanups.push(() => new Promise((resolve) => server.close(() => resolve())));
  return (server.address() as { port: number }).port;
}

async function proxyTo(port: number): Promise<SilentProxy> {
  const proxy = new SilentProxy(0, { host: '127.0.0.1', port });
  await proxy.start();
  cleanups.push(() => proxy.close());
  return proxy;
}

async function client(port: number): Promise<{ socket: Socket; received: () => string }> {
  const socket = connect(port, '127.0.0.1');
  await once(socket, 'connect');
  let text = '';
  socket.on('data', (chunk) => {
    text += chunk.toString();
  });
  cleanups.push(async () => {
    socket.destroy();
  });
  return { socket, received: () => text };
}

describe('SilentProxy', () => {
  it('forwards both ways, holds every byte while silent without closing, and delivers them after the heal', async () => {
    const proxy = await proxyTo(await echoServer());
    const { socket, received } = await client(proxy.port);
    socket.write('before;');
    await expect.poll(received).toBe('before;');

    proxy.silence();
    socket.write('during;');
    await sleep(300);
    expect(received()).toBe('before;');
    expect(socket.destroyed).toBe(false);

    proxy.heal();
    await expect.poll(received).toBe('before;during;');
  });

  it('holds connections opened during the silence until the heal', async () => {
    const proxy = await proxyTo(await echoServer());
    proxy.silence();
    const { socket, received } = await client(proxy.port);
    socket.write('hello');
    await sleep(300);
    expect(received()).toBe('');
    proxy.heal();
    await expect.poll(received).toBe('hello');
  });
});
