import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Catalog } from '../catalog/catalog.ts';
import { renderGeneratedFiles } from '../codegen/render-generated-files.ts';
import { readGeneratedManifest } from '../codegen/write-generated-files.ts';
import type { GeneratedCheck } from './check-report.ts';

/** Compares what events-generate would write with the files in `generatedDir`, with the options it used there. */
export function checkGeneratedFiles(generatedDir: string, catalog: Catalog): GeneratedCheck {
  const result: GeneratedCheck = { stale: [], missing: [] };
  try {
    const { importExtension } = readGeneratedManifest(generatedDir);
    for (const { path, content } of renderGeneratedFiles(catalog, { importExtension })) {
      const file = join(generatedDir, path);
      if (!existsSync(file)) result.missing.push(file);
      else if (readFileSync(file, 'utf8') !== content) result.stale.push(file);
    }
  } catch (error) {
    result.error = (error as Error).message;
  }
  return result;
}
