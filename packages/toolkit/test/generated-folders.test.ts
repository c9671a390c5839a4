import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../src/catalog/load-catalog.ts';
import { renderGeneratedFiles } from '../src/codegen/render-generated-files.ts';
import { MANIFEST } from '../src/codegen/write-generated-files.ts';
import { fixturesDir } from './helpers.ts';

// Regenerate with: events-generate --schemas test/fixtures/<catalog> --out test/generated/<catalog>
describe.each(['shop-catalog', 'user-catalog'])('the committed test/generated/%s', (catalog) => {
  const out = join(import.meta.dirname, 'generated', catalog);
  const files = renderGeneratedFiles(loadCatalog(join(fixturesDir, catalog)));

  it('is what events-generate writes from the fixture', () => {
    for (const file of files)
      expect(readFileSync(join(out, file.path), 'utf8'), file.path).toBe(file.content);
  });

  it('has a manifest listing exactly those files', () => {
    const manifest = JSON.parse(readFileSync(join(out, MANIFEST), 'utf8')) as { files: string[] };
    expect(manifest.files).toEqual(files.map((file) => file.path).sort());
  });
});
