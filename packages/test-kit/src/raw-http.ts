import { connect, type Socket } from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Milliseconds from the first byte sent to the connection closing. */
  elapsedMs: number;
}

/**
 * Sends `request` byte for byte over a fresh socket and reads until the server closes it, so requests
 * no HTTP client would send (lying lengths, broken encodings) can be tried.
 */
export function sendRaw(port: number, request: Buffer | string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const chunks: Buffer[] = [];
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      try {
        resolve({
          ...parseResponse(Buffer.concat(chunks).toString('utf8')),
          elapsedMs: Date.now() - started,
        });
      } catch (error) {
        reject(error);
      }
    });
  });
}

function parseResponse(text: string): Omit<RawResponse, 'elapsedMs'> {
  const headerEnd = text.indexOf('\r\n\r\n');
  if (headerEnd === -1) throw new Error(`no complete HTTP response: ${JSON.stringify(text.slice(0, 200))}`);
  const [statusLine = '', ...lines] = text.slice(0, headerEnd).split('\r\n');
  const headers = Object.fromEntries(
    lines.map((line) => {
      const colon = line.indexOf(':');
      return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()];
    }),
  );
  return { status: Number(statusLine.split(' ')[1]), headers, body: text.slice(headerEnd + 4) };
}

/** A POST with the given headers and body; `Content-Length` is the body's unless `headers` says otherwise. */
export function post(path: string, headers: Record<string, string>, body: Buffer | string): Buffer {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body);
  const all = { host: '127.0.0.1', connection: 'close', 'content-length': String(bytes.length), ...headers };
  const head = Object.entries(all)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  return Buffer.concat([Buffer.from(`POST ${path} HTTP/1.1\r\n${head}\r\n`), bytes]);
}

export interface SlowClient {
  socket: Socket;
  /** Everything the server sent until it closed the connection. */
  answer: Promise<string>;
}

/** Opens a socket that sends the start of a request and then nothing more. */
export function openSlowClient(port: number, firstBytes: string): Promise<SlowClient> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(firstBytes);
      const answer = new Promise<string>((done) =>
        socket.once('close', () => done(Buffer.concat(chunks).toString('utf8'))),
      );
      resolve({ socket, answer });
    });
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
  });
}
