import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { logFile, pidFile, stackDir } from './paths.ts';

/** Starts a long-running part detached from this process, output appended to its log, pid recorded. */
export function startDetached(part: string, command: string, args: string[], cwd: string): void {
  mkdirSync(dirname(pidFile(part)), { recursive: true });
  mkdirSync(dirname(logFile(part)), { recursive: true });
  const out = openSync(logFile(part), 'a');
  const child = spawn(command, args, { cwd, detached: true, stdio: ['ignore', out, out] });
  if (child.pid === undefined) throw new Error(`could not spawn ${command} for ${part}`);
  child.unref();
  writeFileSync(pidFile(part), `${child.pid}\n`);
}

/** The pid from the part's pid file, only if that process is alive and is one we started (pids get reused). */
export function runningPid(part: string): number | undefined {
  const file = pidFile(part);
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid) || !isOurs(pid)) {
    rmSync(file, { force: true });
    return undefined;
  }
  return pid;
}

/** SIGTERM, then SIGKILL after the grace period. Only ever signals a pid from our own pid file. */
export async function stopPart(part: string, graceMs = 30_000): Promise<'stopped' | 'not running'> {
  const pid = runningPid(part);
  if (pid === undefined) return 'not running';
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) await sleep(250);
  if (isAlive(pid)) {
    process.kill(pid, 'SIGKILL');
    while (isAlive(pid)) await sleep(100);
  }
  rmSync(pidFile(part), { force: true });
  return 'stopped';
}

/** SIGKILL, for fault tests: the part gets no chance to shut down cleanly. */
export async function killPart(part: string): Promise<'killed' | 'not running'> {
  const pid = runningPid(part);
  if (pid === undefined) return 'not running';
  process.kill(pid, 'SIGKILL');
  while (isAlive(pid)) await sleep(100);
  rmSync(pidFile(part), { force: true });
  return 'killed';
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !isZombie(pid);
  } catch {
    return false;
  }
}

function isZombie(pid: number): boolean {
  try {
    return /^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** Our parts run with their working directory or arguments inside the stack directory. */
function isOurs(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(stackDir);
  } catch {
    return true; // no /proc (macOS): trust the pid file
  }
}
