import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy that can go silent: connections stay open but no byte flows either way, as when a network
 * drops packets instead of refusing them. Reading stops on both sides, so the kernels' buffers fill and
 * the peers' writes stall; after `heal()` everything queued flows again, as after a real partition heals.
 */
export class SilentProxy {
  private readonly sockets = new Set<Socket>();
  private readonly server: Server;
  private readonly target: { host: string; port: number };
  private silent = false;
  private readonly listenPort: number;

  /** `listenPort` 0 picks a free port; `port` says which once started. */
  constructor(listenPort: number, target: { host: string; port: number }) {
    this.listenPort = listenPort;
    this.target = target;
    this.server = createServer((client) => this.bridge(client));
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.listenPort, '127.0.0.1', () => resolve());
    });
  }

  get port(): number {
    const address = this.server.address();
    return typeof address === 'object' && address !== null ? address.port : this.listenPort;
  }

  silence(): void {
    this.silent = true;
    for (const socket of this.sockets) socket.pause();
  }

  heal(): void {
    this.silent = false;
    for (const socket of this.sockets) socket.resume();
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
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
