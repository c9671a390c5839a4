import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { scratchDir } from '@events/test-kit/scratch-dir';
import { loadCatalog } from '../src/catalog/load-catalog.ts';
import { renderGeneratedFiles } from '../src/codegen/render-generated-files.ts';
import { writeGeneratedFiles } from '../src/codegen/write-generated-files.ts';
import type { TopicDescriptors } from '../src/topic-descriptor.ts';

/**
 * The topic map events-generate writes for a fixture catalog (test/fixtures/<catalog>), generated into a scratch
 * folder removed with the test file and imported from there: tests read what the codegen makes today, not a
 * committed copy that drifts.
 */
export async function generatedTopics(catalog: string): Promise<TopicDescriptors> {
  const out = scratchDir(`toolkit-generated-${catalog}-`);
  const files = renderGeneratedFiles(loadCatalog(join(import.meta.dirname, 'fixtures', catalog)));
  writeGeneratedFiles(out, files, '.ts');
  const generated = (await import(pathToFileURL(join(out, 'index.ts')).href)) as { topics: TopicDescriptors };
  return generated.topics;
}
