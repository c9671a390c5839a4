import { describe, expect, it } from 'vitest';
import type { BenchReport } from './figure.ts';
import { formatNumber, renderReport } from './render-table.ts';

describe('formatNumber', () => {
  it('keeps at most three significant digits below 100 and whole numbers above', () => {
    expect(formatNumber(12345.6)).toBe('12346');
    expect(formatNumber(42.123)).toBe('42.1');
    expect(formatNumber(1.23456)).toBe('1.23');
    expect(formatNumber(0.012345)).toBe('0.0123');
    expect(formatNumber(Number.NaN)).toBe('n/a');
  });
});

describe('renderReport', () => {
  const report: BenchReport = {
    machine: {
      cpus: 2,
      cpuModel: 'Test CPU',
      node: 'v24.0.0',
      date: '2025-01-01T00:00:00.000Z',
      mode: 'quick',
    },
    figures: [
      {
        id: 'serde',
        title: 'Serde encode+decode',
        unit: 'ops/s',
        ours: 90_000,
        baseline: 100_000,
        ratio: 0.9,
        target: '≥ 0.9× raw avsc',
        met: true,
        details: { 'JSON ops/s': 50_000, measured: 'median of rounds' },
      },
    ],
    failures: [{ id: 'schemas-check', error: 'CLI missing' }],
  };

  it('prints one aligned row per figure with ratio and verdict, then details and failures', () => {
    const lines = renderReport(report).split('\n');
    expect(lines[0]).toBe('quick run, 2025-01-01T00:00:00.000Z, node v24.0.0, 2 × Test CPU');
    expect(lines[2]).toMatch(/^\| figure\s+\| ours\s+\| baseline\s+\| ratio\s+\| target\s+\| verdict \|$/);
    expect(lines[4]).toContain('| 90000 ops/s | 100000 ops/s | 0.900× | ≥ 0.9× raw avsc | pass    |');
    expect(lines[2]?.length).toBe(lines[4]?.length);
    expect(lines).toContain('  JSON ops/s: 50000');
    expect(lines).toContain('  measured: median of rounds');
    expect(lines.at(-1)).toBe('NOT MEASURED schemas-check: CLI missing');
  });
});
