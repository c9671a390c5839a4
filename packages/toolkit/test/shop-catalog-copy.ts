import { randomBytes } from 'node:crypto';
import { cpSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scratchDir } from '@events/test-kit/scratch-dir';
import { fixturesDir } from './helpers.ts';

const TOPICS = ['orders', 'customers', 'shipments'];

/**
 * The shop catalog in a fresh temporary folder (`<dir>/schemas`), its namespace and topic names made unique so
 * that registering it never meets an earlier run's subjects. Removed after the file's tests.
 */
export function uniqueShopCatalog(): { dir: string; rename: (name: string) => string } {
  const suffix = `x${randomBytes(4).toString('hex')}`;
  const rename = (text: string): string =>
    TOPICS.reduce(
      (renamed, topic) =>
        renamed
          .replace(new RegExp(`^${topic}-`), `${topic}_${suffix}-`)
          .replace(new RegExp(`"${topic}"`, 'g'), `"${topic}_${suffix}"`),
      // Full names (`shop.common.Money`) and lint.json's namespace prefix (`"shop"`).
      text.replace(/\bshop\./g, `shop_${suffix}.`).replace(/"shop"/g, `"shop_${suffix}"`),
    );
  const dir = scratchDir('shop-catalog-');
  const schemas = join(dir, 'schemas');
  cpSync(join(fixturesDir, 'shop-catalog'), schemas, { recursive: true });
  for (const name of readdirSync(schemas)) {
    const path = join(schemas, name);
    if (statSync(path).isDirectory()) {
      for (const file of readdirSync(path)) rewrite(join(path, file), rename);
      renameSync(path, join(schemas, rename(name)));
    } else {
      rewrite(path, rename);
    }
  }
  return { dir, rename };
}

function rewrite(file: string, rename: (text: string) => string): void {
  writeFileSync(file, rename(readFileSync(file, 'utf8')));
}
