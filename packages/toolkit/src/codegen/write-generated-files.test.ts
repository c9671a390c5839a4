import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { scratchDir } from '@events/test-kit/scratch-dir';
import { describe, expect, it } from 'vitest';
import { GENERATED_HEADER, type GeneratedFile } from './render-generated-files.ts';
import { GeneratedFolderError, MANIFEST, writeGeneratedFiles } from './write-generated-files.ts';

const generated = (path: string, body = ''): GeneratedFile => ({
  path,
  content: `${GENERATED_HEADER}export const body = '${body}';\n`,
});

/** An output folder holding `files` (path → content) before the run; removed after the test. */
function outFolder(files: Record<string, string> = {}): string {
  const dir = scratchDir('toolkit-generated-');
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

const read = (dir: string, path: string) => readFileSync(join(dir, path), 'utf8');
const manifestOf = (dir: string) =>
  JSON.parse(read(dir, MANIFEST)) as { files: string[]; importExtension: string };

describe('writeGeneratedFiles', () => {
  it('writes the files and a manifest listing them', () => {
    const dir = outFolder();
    const result = writeGeneratedFiles(dir, [generated('topic-map.ts'), generated('index.ts')], '.js');
    expect(result).toEqual({ written: ['topic-map.ts', 'index.ts'], removed: [] });
    expect(read(dir, 'index.ts')).toBe(generated('index.ts').content);
    expect(manifestOf(dir)).toMatchObject({ files: ['index.ts', 'topic-map.ts'], importExtension: '.js' });
  });

  it('leaves every file it did not write in place, at any depth, beside the generated ones', () => {
    const dir = outFolder({ 'app/main.ts': 'start();\n', 'notes.md': '# notes\n' });
    writeGeneratedFiles(dir, [generated('index.ts')], '.ts');
    writeGeneratedFiles(dir, [generated('topic-map.ts')], '.ts');
    expect(read(dir, 'app/main.ts')).toBe('start();\n');
    expect(read(dir, 'notes.md')).toBe('# notes\n');
  });

  it('deletes a file it wrote that the catalog no longer produces, and rewrites only what changed', () => {
    const dir = outFolder();
    writeGeneratedFiles(dir, [generated('index.ts'), generated('old-value.ts')], '.ts');
    const result = writeGeneratedFiles(dir, [generated('index.ts'), generated('new-value.ts')], '.ts');
    expect(result).toEqual({ written: ['new-value.ts'], removed: ['old-value.ts'] });
    expect(existsSync(join(dir, 'old-value.ts'))).toBe(false);
    expect(manifestOf(dir).files).toEqual(['index.ts', 'new-value.ts']);
  });

  it('refuses to overwrite a file it did not write, naming it, and writes nothing', () => {
    const dir = outFolder({ 'index.ts': 'export const mine = 1;\n' });
    const run = () => writeGeneratedFiles(dir, [generated('topic-map.ts'), generated('index.ts')], '.ts');
    expect(run).toThrow(GeneratedFolderError);
    expect(run).toThrow(`${join(dir, 'index.ts')}: exists and was not written by events-generate`);
    expect(read(dir, 'index.ts')).toBe('export const mine = 1;\n');
    expect(existsSync(join(dir, 'topic-map.ts'))).toBe(false);
    expect(existsSync(join(dir, MANIFEST))).toBe(false);
  });

  it('takes over a file with the generated header in a folder generated before manifests existed', () => {
    const dir = outFolder({ 'index.ts': generated('index.ts', 'old').content });
    expect(writeGeneratedFiles(dir, [generated('index.ts', 'new')], '.ts').written).toEqual(['index.ts']);
    expect(read(dir, 'index.ts')).toContain("'new'");
  });

  it('refuses a manifest that lists a path outside the folder, deleting nothing', () => {
    const dir = outFolder({ 'inner/keep.ts': 'kept\n' });
    const out = join(dir, 'inner', 'generated');
    mkdirSync(out);
    writeFileSync(join(out, MANIFEST), JSON.stringify({ files: ['../keep.ts'] }));
    expect(() => writeGeneratedFiles(out, [generated('index.ts')], '.ts')).toThrow(
      `${join(out, MANIFEST)}: needs "files": a list of paths inside this folder`,
    );
    expect(read(dir, 'inner/keep.ts')).toBe('kept\n');
  });
});
