import { connect, createServer, type Server, type Socket } from 'node:net';
import { cleanUpLater } from '@events/test-kit/cleanup';

/**
 * A TCP proxy in front of PostgreSQL that a test can take down without touching the shared server: `down()`
 * cuts every connection through it and refuses new ones (the database is unreachable, as while it restarts),
 * `up()` accepts again on the same port. Closed when the calling test (or file) ends.
 */
export interface TcpProxy {
  port: number;
  down(): Promise<void>;
  up(): Promise<void>;
}

export async function useTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;

  const bridge = (client: Socket) => {
    const upstream = connect(target.port, target.host);
    for (const [from, to] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      sockets.add(from);
      from.pipe(to);
      from.on('error', () => to.destroy());
      from.on('close', () => {
        sockets.delete(from);
        to.destroy();
      });
    }
  };

  const up = async () => {
    const next = createServer(bridge);
    await new Promise<void>((resolve, reject) => {
      next.once('error', reject);
      next.listen(port, '127.0.0.1', () => resolve());
    });
    port = (next.address() as { port: number }).port;
    server = next;
  };

  const down = async () => {
    const closing = server;
    server = undefined;
    // resetAndDestroy: the peers see the connection reset, as when a server process dies.
    for (const socket of sockets) socket.resetAndDestroy();
    if (closing) await new Promise<void>((resolve) => closing.close(() => resolve()));
  };

  await up();
  cleanUpLater(down);
  return {
    get port() {
      return port;
    },
    down,
    up,
  };
}
