import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scratchDir } from '@events/test-kit/scratch-dir';
import { describe, expect, it } from 'vitest';
import type { BenchReport } from './figure.ts';
import { writeResults } from './write-results.ts';

const report: BenchReport = {
  machine: { cpus: 2, cpuModel: 'x', node: 'v24', date: '2025-03-04T05:06:07.000Z', mode: 'full' },
  figures: [],
  failures: [],
};

describe('writeResults', () => {
  it('writes latest.json, one dated copy and the pictures, replacing the previous dated copy', () => {
    const dir = scratchDir('bench-results-');
    writeFileSync(join(dir, '2024-01-01T00-00.json'), '{}');
    writeFileSync(join(dir, 'notes.md'), 'kept');
    const files = writeResults(dir, report, { 'e2e-latency.svg': '<svg/>' });
    expect(files.map((f) => f.slice(dir.length + 1)).sort()).toEqual([
      '2025-03-04T05-06.json',
      'e2e-latency.svg',
      'latest.json',
    ]);
    expect(JSON.parse(readFileSync(join(dir, 'latest.json'), 'utf8'))).toEqual(report);
    expect(readFileSync(join(dir, '2025-03-04T05-06.json'), 'utf8')).toBe(
      readFileSync(join(dir, 'latest.json'), 'utf8'),
    );
    expect(existsSync(join(dir, '2024-01-01T00-00.json'))).toBe(false);
    expect(existsSync(join(dir, 'notes.md'))).toBe(true);
  });
});
