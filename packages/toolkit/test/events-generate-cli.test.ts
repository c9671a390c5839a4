import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { MANIFEST } from '../src/codegen/write-generated-files.ts';
import { copyFixture } from './helpers.ts';

const run = promisify(execFile);
const bin = join(import.meta.dirname, '..', 'bin', 'events-generate.js');

/** Runs events-generate from `cwd` (a project with the user catalog in `schemas/`), as a team runs it. */
async function generate(cwd: string, args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, '--schemas', 'schemas', ...args], { cwd });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** A project folder holding the user catalog and the hand-written files given (path → content). */
function project(files: Record<string, string> = {}): string {
  const dir = copyFixture('user-catalog');
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

const read = (dir: string, path: string) => readFileSync(join(dir, path), 'utf8');

describe('events-generate --out', () => {
  it('generates into a folder of hand-written code and leaves that code alone, on every run', async () => {
    const dir = project({ 'src/app/main.ts': 'start();\n' });
    const first = await generate(dir, ['--out', 'src']);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toContain('wrote src/topic-map.ts');
    const again = await generate(dir, ['--out', 'src']);
    expect(again).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(read(dir, 'src/app/main.ts')).toBe('start();\n');
    expect(JSON.parse(read(dir, `src/${MANIFEST}`)).files).toEqual([
      'index.ts',
      'topic-map.ts',
      'user-register-value.ts',
    ]);
  });

  it('refuses to overwrite a hand-written file with a generated one, naming it, and exits 1', async () => {
    const dir = project({ 'src/index.ts': "export * from './app/main.ts';\n" });
    const result = await generate(dir, ['--out', 'src']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `${join(dir, 'src', 'index.ts')}: exists and was not written by events-generate`,
    );
    expect(read(dir, 'src/index.ts')).toBe("export * from './app/main.ts';\n");
  });
});

describe('events-generate --import-extension', () => {
  it('writes the imports between generated modules with .js for a project that compiles to JavaScript', async () => {
    const dir = project();
    expect((await generate(dir, ['--out', 'generated', '--import-extension', '.js'])).code).toBe(0);
    expect(read(dir, 'generated/index.ts')).toContain("from './topic-map.js';");
    expect(read(dir, 'generated/topic-map.ts')).toContain("from './user-register-value.js';");
  });

  it('refuses an extension it does not know, listing the ones it does, and exits 2', async () => {
    const result = await generate(project(), ['--out', 'generated', '--import-extension', '.mjs']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--import-extension must be one of .ts, .js, none');
  });
});
