import { join } from 'node:path';
import type { Catalog } from '../../src/catalog/catalog.ts';
import { loadCatalog } from '../../src/catalog/load-catalog.ts';
import { renderGeneratedFiles } from '../../src/codegen/render-generated-files.ts';
import type { TopicDescriptors } from '../../src/topic-descriptor.ts';
import { type CatalogFiles, CatalogWorkspace, writeCatalogFiles } from './catalog-files.ts';

/** A catalog as the toolkit loads it, and the generated topic map a consumer compiled from it would hold. */
export interface LoadedCatalog {
  catalog: Catalog;
  /** The `topics` of the generated topic-map.ts; undefined when codegen refuses the catalog. */
  topics: TopicDescriptors | undefined;
  codegenError?: string;
}

/**
 * Loads in-memory catalogs through the toolkit (loadCatalog reads a folder): a variant of a base catalog is
 * written as the files it adds to the base's folder, any other catalog to a folder of its own. Each catalog
 * object loads once.
 */
export class CatalogLoader {
  readonly #root: string;
  readonly #workspaces = new Map<CatalogFiles, CatalogWorkspace>();
  readonly #loaded = new WeakMap<CatalogFiles, LoadedCatalog>();
  #folders = 0;

  constructor(root: string) {
    this.#root = root;
  }

  /** `files`, or a variant of `base` (only added versions and subjects). */
  load(files: CatalogFiles, base?: CatalogFiles): LoadedCatalog {
    const known = this.#loaded.get(files);
    if (known) return known;
    let loaded: LoadedCatalog;
    if (base) {
      const workspace = this.#workspace(base);
      workspace.apply(files);
      try {
        loaded = generate(loadCatalog(workspace.dir));
      } finally {
        workspace.reset();
      }
    } else {
      this.#folders += 1;
      const dir = join(this.#root, `catalog-${this.#folders}`);
      writeCatalogFiles(files, dir);
      loaded = generate(loadCatalog(dir));
    }
    this.#loaded.set(files, loaded);
    return loaded;
  }

  #workspace(base: CatalogFiles): CatalogWorkspace {
    let workspace = this.#workspaces.get(base);
    if (!workspace) {
      workspace = new CatalogWorkspace(base, join(this.#root, `base-${this.#workspaces.size + 1}`));
      this.#workspaces.set(base, workspace);
    }
    return workspace;
  }
}

function generate(catalog: Catalog): LoadedCatalog {
  try {
    const files = renderGeneratedFiles(catalog);
    const topicMap = files.find((file) => file.path === 'topic-map.ts');
    const json =
      topicMap && /\nexport const topics: \{[\s\S]*?\n\} = ([\s\S]*);\s*$/.exec(topicMap.content)?.[1];
    if (!json) throw new Error('topic-map.ts has no `export const topics: {…} = {…};` to read');
    return { catalog, topics: JSON.parse(json) as TopicDescriptors };
  } catch (error) {
    return { catalog, topics: undefined, codegenError: (error as Error).message };
  }
}
