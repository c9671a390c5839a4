import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { scratchDir } from '@events/test-kit/scratch-dir';

/**
 * A catalog folder written from `files` (path inside the folder → its JSON content) in a scratch folder that is
 * removed when the test (or file) that asked for it is done. Returns the folder.
 */
export function catalogFolder(files: Record<string, unknown>): string {
  const dir = scratchDir('toolkit-catalog-');
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), JSON.stringify(content, null, 2));
  }
  return dir;
}

/** `subject.json` of a subject folder: every folder needs one. */
export const fullCompatibility = { compatibility: 'FULL' };
