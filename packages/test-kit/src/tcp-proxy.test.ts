import { once } from 'node:events';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { cleanUpLater } from './cleanup.ts';
import { scratchTcpProxy } from './scratch-tcp-proxy.ts';
import type { TcpProxy } from './tcp-proxy.ts';

async function echoServer(): Promise<number> {
  const server: Server = createServer((socket) => {
    // The proxy resets its connections when it closes.
    socket.on('error', () => undefined);
    socket.pipe(socket);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  cleanUpLater(() => new Promise((resolve) => server.close(() => resolve())));
  return (server.address() as { port: number }).port;
}

const proxyToEcho = async (): Promise<TcpProxy> =>
  scratchTcpProxy({ host: '127.0.0.1', port: await echoServer() });

async function client(port: number): Promise<{ socket: Socket; received: () => string }> {
  const socket = connect(port, '127.0.0.1');
  socket.on('error', () => undefined);
  await once(socket, 'connect');
  let text = '';
  socket.on('data', (chunk) => {
    text += chunk.toString();
  });
  cleanUpLater(() => {
    socket.destroy();
  });
  return { socket, received: () => text };
}

describe('TcpProxy', () => {
  it('forwards both ways, holds every byte while silent without closing, and delivers them after the heal', async () => {
    const proxy = await proxyToEcho();
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
    const proxy = await proxyToEcho();
    proxy.silence();
    const { socket, received } = await client(proxy.port);
    socket.write('hello');
    await sleep(300);
    expect(received()).toBe('');
    proxy.heal();
    await expect.poll(received).toBe('hello');
  });

  it('resets its connections and refuses new ones while down, and accepts again on the same port once up', async () => {
    const proxy = await proxyToEcho();
    const port = proxy.port;
    const { socket } = await client(port);

    await proxy.down();
    await expect.poll(() => socket.destroyed).toBe(true);
    await expect(client(port)).rejects.toThrow(/ECONNREFUSED/);

    await proxy.up();
    expect(proxy.port).toBe(port);
    const again = await client(port);
    again.socket.write('back');
    await expect.poll(again.received).toBe('back');
  });
});
