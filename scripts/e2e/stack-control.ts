import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { PartName } from '../stack/part.ts';
import { repoRoot } from '../stack/paths.ts';

/** Stops or starts stack parts through the same CLI a person uses (named parts of a cluster start together). */
export async function stack(action: 'up' | 'down', ...parts: PartName[]): Promise<void> {
  await promisify(execFile)(process.execPath, ['scripts/stack/cli.ts', action, ...parts], { cwd: repoRoot });
}
