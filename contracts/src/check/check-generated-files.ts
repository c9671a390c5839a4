import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SubjectEntry } from '../catalog/load-catalog.ts';
import { renderGeneratedFiles } from '../codegen/render-generated-files.ts';
import type { GeneratedCheck } from './check-report.ts';

/** Compares what `npm run generate` would write with the files on disk. */
export function checkGeneratedFiles(contractsDir: string, catalog: readonly SubjectEntry[]): GeneratedCheck {
  const result: GeneratedCheck = { stale: [], missing: [] };
  try {
    for (const { path, content } of renderGeneratedFiles(catalog)) {
      const file = join(contractsDir, path);
      if (!existsSync(file)) result.missing.push(path);
      else if (readFileSync(file, 'utf8') !== content) result.stale.push(path);
    }
  } catch (error) {
    result.error = (error as Error).message;
  }
  return result;
}
