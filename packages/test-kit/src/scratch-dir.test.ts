import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { scratchDir } from './scratch-dir.ts';

describe('scratchDir', () => {
  const forTheFile = scratchDir('scratch-dir-file-');
  let forOneTest = '';

  it('creates a folder that lives until the end of the test that asked for it', () => {
    forOneTest = scratchDir('scratch-dir-test-');
    expect(existsSync(forOneTest)).toBe(true);
  });

  it('has removed the previous test’s folder, and keeps the one asked for outside a test', () => {
    expect(forOneTest).not.toBe('');
    expect(existsSync(forOneTest)).toBe(false);
    expect(existsSync(forTheFile)).toBe(true);
  });

  afterAll(() => {
    // afterAll hooks run in reverse order of registration: this one before the removal of the file's folder.
    expect(existsSync(forTheFile)).toBe(true);
  });
});
