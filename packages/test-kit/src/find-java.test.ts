import { describe, expect, it } from 'vitest';
import { parseMajor } from './find-java.ts';

describe('parseMajor', () => {
  it('reads the major version of modern JDKs', () => {
    expect(parseMajor('openjdk version "25.0.1" 2025-10-21 LTS')).toBe(25);
    expect(parseMajor('openjdk version "17.0.15" 2025-04-15')).toBe(17);
  });

  it('reads the legacy 1.x scheme', () => {
    expect(parseMajor('java version "1.8.0_392"')).toBe(8);
  });

  it('returns undefined for output that is not a version', () => {
    expect(parseMajor('command not found')).toBeUndefined();
  });
});
