import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { repoRoot } from '../stack/paths.ts';
import { waitUntil } from '../stack/wait-until.ts';

export interface ServiceSpec {
  name: string;
  /** Built entry point, relative to the repository root. */
  entry: string;
  port: number;
  env: Record<string, string>;
  logFile: string;
}

/**
 * One service as a real child process. Exits we did not cause (anything but our own kill or stop)
 * are recorded as crashes, which fail the run.
 */
export class ServiceProcess {
  readonly spec: ServiceSpec;
  readonly crashes: string[] = [];
  private child: ChildProcess | undefined;
  private expectingExit = false;

  constructor(spec: ServiceSpec) {
    this.spec = spec;
    mkdirSync(dirname(spec.logFile), { recursive: true });
  }

  /** The running process's id (the bench samples its memory); undefined before start. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(): Promise<void> {
    if (await this.answers()) {
      throw new Error(`port ${this.spec.port} already answers: another ${this.spec.name} is running there`);
    }
    const log = createWriteStream(this.spec.logFile, { flags: 'a' });
    const child = spawn(process.execPath, ['--enable-source-maps', join(repoRoot, this.spec.entry)], {
      cwd: repoRoot,
      env: { ...process.env, ...this.spec.env, PORT: String(this.spec.port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    this.expectingExit = false;
    child.on('exit', (code, signal) => {
      if (!this.expectingExit)
        this.crashes.push(`${this.spec.name} exited on its own (${signal ?? `code ${code}`})`);
    });
    this.child = child;
    // Never leave a service behind if the harness itself dies.
    const reap = () => child.kill('SIGKILL');
    process.once('exit', reap);
    child.once('exit', () => process.off('exit', reap));
    await this.waitFor('/healthz');
  }

  /** SIGKILL: the process gets no chance to commit, flush or leave its group. */
  async kill(): Promise<void> {
    await this.signal('SIGKILL');
  }

  async stop(): Promise<void> {
    await this.signal('SIGTERM');
  }

  private async signal(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    this.expectingExit = true;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await Promise.race([exited, sleep(30_000).then(() => child.kill('SIGKILL'))]);
    await exited;
  }

  /** Whether the service answers `path` with a 2xx right now. */
  private answers(path: '/healthz' | '/readyz' = '/healthz'): Promise<boolean> {
    return fetch(`http://127.0.0.1:${this.spec.port}${path}`).then(
      (response) => response.arrayBuffer().then(() => response.ok),
      () => false,
    );
  }

  /**
   * Polls `path` until it answers, failing at once if the process exits: /healthz answers once the process
   * listens, /readyz once it can take work (its consumer has joined the group).
   */
  async waitFor(path: '/healthz' | '/readyz'): Promise<void> {
    await waitUntil(() => this.answers(path), {
      timeoutMs: 60_000,
      intervalMs: 200,
      stillStarting: () => this.child?.exitCode === null,
    }).catch((error: Error) => {
      throw new Error(`${this.spec.name} ${path}: ${error.message}; see ${this.spec.logFile}`);
    });
  }
}
