import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { repoRoot } from '../stack/paths.ts';

/** Stops or starts one stack part through the same CLI a person uses. */
export async function stack(action: 'up' | 'down', part: 'kafka' | 'registry'): Promise<void> {
  await promisify(execFile)(process.execPath, ['scripts/stack/cli.ts', action, part], { cwd: repoRoot });
}
