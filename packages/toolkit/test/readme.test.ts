import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../src/findings/rules.ts';

const packageDir = join(import.meta.dirname, '..');
const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');

/** The paths the `## Layout` block lists, one at the start of each of its lines. */
function layoutPaths(): string[] {
  const block = /## Layout\n[\s\S]*?```\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
  return block.split('\n').flatMap((line) => /^([\w./-]+\/|[\w./-]+\.ts)\s/.exec(line)?.[1] ?? []);
}

describe('the toolkit README', () => {
  it('lists in its tables exactly the rule ids of src/findings/rules.ts', () => {
    const listed = [...readme.matchAll(/^\| `([a-z]+(?:-[a-z]+)*)` +\|/gm)].map((match) => match[1]);
    expect(listed.sort()).toEqual(Object.keys(rules).sort());
  });

  it('lays out folders and files that exist, and every folder of src/', () => {
    const paths = layoutPaths();
    expect(paths.filter((path) => !existsSync(join(packageDir, path)))).toEqual([]);
    const folders = readdirSync(join(packageDir, 'src'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => `src/${entry.name}/`);
    expect(folders.filter((folder) => !paths.includes(folder))).toEqual([]);
  });
});
