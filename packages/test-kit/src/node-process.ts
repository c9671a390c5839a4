// A child process without a test's lifecycle, for harness runs; tests take started-process's, stopped afterwards.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { waitFor } from './polling.ts';

export interface NodeProcessSpec {
  /** Named in crash reports and errors. */
  name: string;
  /** The script node runs: absolute, or relative to `cwd`. */
  entry: string;
  cwd: string;
  /** node's own flags, before the entry; `--enable-source-maps` alone when not given. */
  nodeFlags?: readonly string[];
  /** Over this process's own environment. */
  env: Record<string, string>;
  /** Where its output is appended; without one its lines are kept in `output`. */
  logFile?: string;
  /** Called with every line it writes to stdout or stderr. */
  onLine?: (line: string) => void;
}

const STOP_GRACE_MS = 30_000;
const exited = Symbol('exited');

/**
 * A node script as a child process, which may be started again once it has exited. Exits nobody asked for
 * (anything but stop() or kill()) are recorded in `crashes`, and it is SIGKILLed if this process exits first.
 */
export class NodeProcess {
  readonly spec: NodeProcessSpec;
  readonly crashes: string[] = [];
  /** Every line of its output, when it has no log file (a test's processes are short-lived). */
  readonly output: string[] = [];
  private child: ChildProcess | undefined;
  private expectingExit = false;

  constructor(spec: NodeProcessSpec) {
    this.spec = spec;
  }

  start(): void {
    if (this.running) throw new Error(`${this.spec.name} is already running`);
    const { entry, cwd, nodeFlags = ['--enable-source-maps'], env, logFile, onLine } = this.spec;
    const child = spawn(process.execPath, [...nodeFlags, entry], {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const log = logFile === undefined ? undefined : createWriteStream(logFile, { flags: 'a' });
    // Two sources into one file: closed once both have ended, not by whichever ends first.
    if (log) child.once('close', () => log.end());
    for (const stream of [child.stdout, child.stderr]) {
      if (!stream) continue;
      if (log) stream.pipe(log, { end: false });
      // Lines are split only for someone who reads them: a harness's log file may take much output.
      if (log && !onLine) continue;
      createInterface({ input: stream }).on('line', (line) => {
        if (!log) this.output.push(line);
        onLine?.(line);
      });
    }
    this.expectingExit = false;
    const reap = () => child.kill('SIGKILL');
    process.once('exit', reap);
    child.once('exit', (code, signal) => {
      process.off('exit', reap);
      if (!this.expectingExit)
        this.crashes.push(`${this.spec.name} exited on its own (${signal ?? `code ${code}`})`);
    });
    this.child = child;
  }

  /** The running process's id; undefined before start. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** True from start() until the process exits. */
  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** How the process ended: its exit code, or the signal that killed it; undefined while it runs. */
  get exitStatus(): number | NodeJS.Signals | undefined {
    return this.child?.signalCode ?? this.child?.exitCode ?? undefined;
  }

  /** SIGSTOP: it keeps its connections and sockets but runs nothing, as a process the OS does not schedule. */
  pause(): void {
    this.child?.kill('SIGSTOP');
  }

  resume(): void {
    this.child?.kill('SIGCONT');
  }

  /** SIGTERM (resumed first, in case it is paused), then SIGKILL if it has not exited within 30 s. */
  stop(): Promise<void> {
    return this.end('SIGTERM');
  }

  /** SIGKILL: the process gets no chance to commit, flush or leave its group. */
  kill(): Promise<void> {
    return this.end('SIGKILL');
  }

  /**
   * Polls `check` until it returns a value (as `waitFor` does), failing at once if the process exits
   * meanwhile; a failure says where its output is.
   */
  async waitUntil<T>(
    what: string,
    check: () => Promise<T | undefined | false> | T | undefined | false,
    timeoutMs = 60_000,
  ): Promise<T> {
    const result = await waitFor(what, () => (this.running ? check() : exited), timeoutMs).catch(
      (error: Error) => {
        throw new Error(`${this.spec.name}: ${error.message}; ${this.outputHint()}`, { cause: error.cause });
      },
    );
    if (result === exited)
      throw new Error(`${this.spec.name} exited (${this.exitStatus}) before ${what}; ${this.outputHint()}`);
    return result;
  }

  private async end(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    this.expectingExit = true;
    // 'close', not 'exit': its last output lines have been read by then.
    const gone = once(child, 'close');
    child.kill('SIGCONT');
    child.kill(signal);
    const deadline = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    await gone;
    clearTimeout(deadline);
  }

  private outputHint(): string {
    return this.spec.logFile === undefined
      ? `its last lines:\n${this.output.slice(-30).join('\n')}`
      : `see ${this.spec.logFile}`;
  }
}
