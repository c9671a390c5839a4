import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanUpLater } from './cleanup.ts';

/** A new folder in the system's temp directory, removed when the test (or file) that asked for it is done. */
export function scratchDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanUpLater(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
