import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NodeProcess } from './node-process.ts';
import { scratchDir } from './scratch-dir.ts';
import { startedProcess } from './started-process.ts';

/** A script in a scratch folder: `body` runs after it prints `ready` and the value of GREETING. */
function script(body: string): { cwd: string; entry: string } {
  const cwd = scratchDir('node-process-');
  writeFileSync(join(cwd, 'main.js'), `console.log('ready', process.env.GREETING);\n${body}\n`);
  return { cwd, entry: 'main.js' };
}

const STAYS_UP =
  "setInterval(() => {}, 1000); process.once('SIGTERM', () => { console.log('bye'); process.exit(0); });";

describe('NodeProcess', () => {
  it('runs the entry with the env, and a stop it asked for is no crash', async () => {
    const child = startedProcess({ name: 'stays-up', ...script(STAYS_UP), env: { GREETING: 'hello' } });
    await child.waitUntil('it says ready', () => child.output.includes('ready hello'));
    await child.stop();
    expect(child.output).toContain('bye');
    expect(child.exitStatus).toBe(0);
    expect(child.crashes).toEqual([]);
  });

  it('records an exit nobody asked for, and a wait fails at once with its output', async () => {
    const child = startedProcess({
      name: 'quits',
      ...script("console.error('boom'); process.exit(3);"),
      env: {},
    });
    const started = Date.now();
    await expect(child.waitUntil('never', () => false)).rejects.toThrow(
      /quits exited \(3\) before never.*\n.*boom/s,
    );
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(child.crashes).toEqual(['quits exited on its own (code 3)']);
  });

  it('SIGKILLs on kill() and can be started again, appending to its log file', async () => {
    const files = script(STAYS_UP);
    const logFile = join(files.cwd, 'out.log');
    const child = new NodeProcess({ name: 'logs', ...files, env: { GREETING: 'again' }, logFile });
    for (let run = 1; run <= 2; run += 1) {
      child.start();
      await child.waitUntil(
        'it logs ready',
        () => readFileSync(logFile, 'utf8').split('ready again').length > run,
      );
      await child.kill();
      expect(child.exitStatus).toBe('SIGKILL');
    }
    expect(child.output).toEqual([]);
    expect(child.crashes).toEqual([]);
  });
});
