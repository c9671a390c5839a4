import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { delimiter, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { stackAddresses } from '@events/test-kit/stack-addresses';

export const repoRoot = join(import.meta.dirname, '..', '..', '..', '..');

/**
 * The environment of a shell in the new team's project on the given Node: that `node` first on PATH, nothing of
 * this repository's (no node_modules/.bin, no npm_* settings of an enclosing `npm test`), the stack's addresses.
 */
function projectEnv(node: string, extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!/^(npm_|NODE_OPTIONS$|INIT_CWD$|VITEST|TSX_)/i.test(name)) env[name] = value;
  }
  const path = (process.env.PATH ?? '').split(delimiter).filter((dir) => dir && !dir.startsWith(repoRoot));
  env.PATH = [dirname(node), ...path].join(delimiter);
  env.SCHEMA_REGISTRY_URL = stackAddresses.registryUrl;
  env.KAFKA_BROKERS = stackAddresses.brokers.join(',');
  return { ...env, ...extra };
}

export interface ProjectShell {
  /** Runs a command in the project; fails with its output when it exits non-zero. */
  run(command: string, args: string[], extraEnv?: NodeJS.ProcessEnv): Promise<string>;
  /** Starts a long-running process in the project (a consumer). */
  start(command: string, args: string[], extraEnv?: NodeJS.ProcessEnv): ChildProcess;
}

export function projectShell(dir: string, node: string): ProjectShell {
  return {
    async run(command, args, extraEnv = {}) {
      const resolved = command === 'node' ? node : command;
      try {
        const { stdout } = await promisify(execFile)(resolved, args, {
          cwd: dir,
          env: projectEnv(node, extraEnv),
          maxBuffer: 16 << 20,
        });
        return stdout;
      } catch (error) {
        const { stdout, stderr } = error as { stdout?: string; stderr?: string };
        throw new Error(
          `\`${command} ${args.join(' ')}\` failed on ${node}:\n${stdout ?? ''}\n${stderr ?? ''}`,
        );
      }
    },
    start(command, args, extraEnv = {}) {
      const resolved = command === 'node' ? node : command;
      return spawn(resolved, args, {
        cwd: dir,
        env: projectEnv(node, extraEnv),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    },
  };
}

/**
 * Collects a process's stdout lines until `done` holds for them, then stops it with SIGTERM (what a deployment
 * sends) and returns the lines; fails with everything it printed when it exits early, errs or takes too long.
 */
export function linesUntil(
  child: ChildProcess,
  done: (lines: string[]) => boolean,
  timeoutMs: number,
): Promise<{ lines: string[]; exitCode: number | null }> {
  return new Promise((resolve, reject) => {
    const lines: string[] = [];
    let stdout = '';
    let stderr = '';
    let stopping = false;
    const fail = (why: string) => {
      child.kill('SIGKILL');
      reject(new Error(`${why}\nstdout:\n${stdout}\nstderr:\n${stderr}`));
    };
    const timer = setTimeout(() => fail(`no result within ${timeoutMs} ms`), timeoutMs);
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const complete = stdout.split('\n');
      lines.splice(0, lines.length, ...complete.slice(0, -1));
      if (!stopping && done(lines)) {
        stopping = true;
        child.kill('SIGTERM');
      }
    });
    child.on('error', (error) => fail(error.message));
    child.on('exit', (exitCode) => {
      clearTimeout(timer);
      if (stopping) resolve({ lines, exitCode });
      else
        reject(
          new Error(
            `exited (${exitCode}) before the expected output\nstdout:\n${stdout}\nstderr:\n${stderr}`,
          ),
        );
    });
  });
}
