// A proxy without a test's lifecycle, for harness runs; tests take scratch-tcp-proxy's, closed afterwards.
import { type AddressInfo, connect, createServer, type Server, type Socket } from 'node:net';

type Address = { host: string; port: number };

/**
 * A TCP proxy in front of a server, for faults the shared server must never see. `down()` resets every
 * connection and refuses new ones (the server is gone, as while it restarts) and `up()` accepts again on the
 * same port; `silence()` keeps connections open while no byte flows either way (a network dropping packets
 * rather than refusing them) and `heal()` lets everything queued flow again.
 */
export class TcpProxy {
  private readonly sockets = new Set<Socket>();
  private readonly target: Address;
  private server: Server | undefined;
  private listenPort: number;
  private silent = false;

  /** `listenPort` 0 picks a free port; `port` says which once started. */
  constructor(listenPort: number, target: Address) {
    this.listenPort = listenPort;
    this.target = target;
  }

  get port(): number {
    return this.listenPort;
  }

  async start(): Promise<void> {
    const server = createServer((client) => this.bridge(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.listenPort, '127.0.0.1', () => resolve());
    });
    // Kept, so that up() after down() listens where the clients were told to connect.
    this.listenPort = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async down(): Promise<void> {
    const closing = this.server;
    this.server = undefined;
    // resetAndDestroy: the peers see the connection reset, as when a server process dies.
    for (const socket of this.sockets) socket.resetAndDestroy();
    if (closing) await new Promise<void>((resolve) => closing.close(() => resolve()));
  }

  up(): Promise<void> {
    return this.start();
  }

  silence(): void {
    this.silent = true;
    for (const socket of this.sockets) socket.pause();
  }

  heal(): void {
    this.silent = false;
    for (const socket of this.sockets) socket.resume();
  }

  close(): Promise<void> {
    return this.down();
  }

  private bridge(client: Socket): void {
    const upstream = connect(this.target.port, this.target.host);
    for (const [from, to] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      this.sockets.add(from);
      // Not pipe(): a pipe resumes its source on drain, which would break the silence.
      from.on('data', (chunk) => to.write(chunk));
      from.on('end', () => to.end());
      from.on('error', () => to.destroy());
      from.on('close', () => {
        this.sockets.delete(from);
        to.destroy();
      });
      if (this.silent) from.pause();
    }
  }
}
