import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { HttpServerConfig } from '../config/platform-env.ts';
import type { Logger } from '../observability/logger.ts';
import { PROBLEM_CONTENT_TYPE, type ProblemCode, problem } from './problem-types.ts';

export interface RunningHttpServer {
  server: Server;
  port: number;
  /** Stops accepting connections, lets in-flight requests finish, then closes every socket. */
  close(): Promise<void>;
}

// How often Node looks for connections past their headers or request timeout: at most this late.
const TIMEOUT_CHECK_INTERVAL_MS = 1_000;

/** Errors Node raises before a request reaches the app: answered here, in the same problem format. */
const CLIENT_ERRORS: Record<string, { code: ProblemCode; status: string; detail: string }> = {
  ERR_HTTP_REQUEST_TIMEOUT: {
    code: 'REQUEST_TIMEOUT',
    status: '408 Request Timeout',
    detail: 'The request (headers and body) did not arrive within the server timeout.',
  },
  HPE_HEADER_OVERFLOW: {
    code: 'HEADERS_TOO_LARGE',
    status: '431 Request Header Fields Too Large',
    detail: 'The request headers are too large.',
  },
};
const PARSE_ERROR = {
  code: 'BAD_REQUEST',
  status: '400 Bad Request',
  detail: 'The request is not valid HTTP/1.1.',
} as const;

function rawProblemResponse(error: NodeJS.ErrnoException): string | undefined {
  const known = error.code === undefined ? undefined : CLIENT_ERRORS[error.code];
  const answer = known ?? (error.code?.startsWith('HPE_') ? PARSE_ERROR : undefined);
  if (answer === undefined) return undefined;
  const body = JSON.stringify(problem(answer.code, answer.detail));
  return [
    `HTTP/1.1 ${answer.status}`,
    `Content-Type: ${PROBLEM_CONTENT_TYPE}`,
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}

/**
 * Node answers these itself with an empty body; we answer with problem details instead, unless the app
 * already started a response on this socket (then the socket can only be closed).
 */
function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  const response = socket.writable ? rawProblemResponse(error) : undefined;
  // Node's own handler reads the same private field to know whether a response is under way.
  const started = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent;
  if (response === undefined || started) {
    socket.destroy();
    return;
  }
  socket.end(response, () => socket.destroy());
}

/**
 * Listens with deliberate timeouts, so a slow or lying client cannot hold a socket for long: headers
 * must arrive within `headersTimeoutMs`, the whole request within `requestTimeoutMs` (a body shorter
 * than its Content-Length gets a 408 then), and an idle keep-alive socket closes after
 * `keepAliveTimeoutMs`. Slow sockets cost a file descriptor each, not a worker: others are served.
 */
export async function startHttpServer(
  handler: RequestListener,
  config: HttpServerConfig,
  logger: Logger,
): Promise<RunningHttpServer> {
  const server = createServer(
    {
      headersTimeout: config.headersTimeoutMs,
      requestTimeout: config.requestTimeoutMs,
      keepAliveTimeout: config.keepAliveTimeoutMs,
      connectionsCheckingInterval: TIMEOUT_CHECK_INTERVAL_MS,
    },
    handler,
  );
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    logger.debug({ code: error.code, err: error }, 'client connection error');
    answerClientError(error, socket);
  });
  server.listen(config.port, config.host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  logger.info({ port, host: config.host }, 'http listening');
  return {
    server,
    port,
    async close() {
      // Keep-alive sockets go idle once their in-flight response is sent; close them then, not at timeout.
      const sweepIdle = setInterval(() => server.closeIdleConnections(), 50);
      await new Promise<void>((resolve, reject) =>
        server.close((error) => {
          clearInterval(sweepIdle);
          if (error) reject(error);
          else resolve();
        }),
      );
    },
  };
}
