import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scratchDir } from '@events/test-kit/scratch-dir';
import { describe, expect, it } from 'vitest';
import { fixturesDir } from '../../test/helpers.ts';
import { loadCatalog } from '../catalog/load-catalog.ts';
import { renderGeneratedFiles } from '../codegen/render-generated-files.ts';
import { MANIFEST, writeGeneratedFiles } from '../codegen/write-generated-files.ts';
import { checkGeneratedFiles } from './check-generated-files.ts';

const catalog = loadCatalog(join(fixturesDir, 'shop-catalog'));

describe('checkGeneratedFiles', () => {
  it('renders a folder with the import extension its manifest records', () => {
    const dir = scratchDir('generated-js-');
    writeGeneratedFiles(dir, renderGeneratedFiles(catalog, { importExtension: '.js' }), '.js');

    expect(checkGeneratedFiles(dir, catalog)).toEqual({ stale: [], missing: [] });
  });

  it('calls a folder stale when its files do not match the recorded extension', () => {
    const dir = scratchDir('generated-js-');
    writeGeneratedFiles(dir, renderGeneratedFiles(catalog, { importExtension: '.js' }), '.js');
    writeFileSync(join(dir, MANIFEST), JSON.stringify({ files: [], importExtension: '.ts' }));

    expect(checkGeneratedFiles(dir, catalog).stale).toContain(join(dir, 'topic-map.ts'));
  });
});
