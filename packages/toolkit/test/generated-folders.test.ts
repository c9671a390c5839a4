import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../src/catalog/load-catalog.ts';
import { renderGeneratedFiles } from '../src/codegen/render-generated-files.ts';
import { MANIFEST } from '../src/codegen/write-generated-files.ts';
import { fixturesDir } from './helpers.ts';

// The type tests need this one committed (user-catalog is generated where used: test/generated-topics.ts).
// Regenerate with: events-generate --schemas test/fixtures/shop-catalog --out test/generated/shop-catalog
describe('the committed test/generated/shop-catalog', () => {
  const out = join(import.meta.dirname, 'generated', 'shop-catalog');
  const files = renderGeneratedFiles(loadCatalog(join(fixturesDir, 'shop-catalog')));

  it('is what events-generate writes from the fixture', () => {
    for (const file of files)
      expect(readFileSync(join(out, file.path), 'utf8'), file.path).toBe(file.content);
  });

  it('has a manifest listing exactly those files', () => {
    const manifest = JSON.parse(readFileSync(join(out, MANIFEST), 'utf8')) as { files: string[] };
    expect(manifest.files).toEqual(files.map((file) => file.path).sort());
  });
});
