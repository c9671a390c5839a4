import { describe, expect, it } from 'vitest';
import { memoryGrowth, parseGauge, parseVmRss } from './memory-growth.ts';

const MB = 1024 * 1024;

describe('memoryGrowth', () => {
  it('compares the mean of the first and last windows and reports the peak', () => {
    const samples = [0, 1000, 2000, 3000, 4000, 5000].map((atMs, i) => ({
      atMs,
      bytes: [100, 110, 300, 120, 130, 150][i]! * MB,
    }));
    const growth = memoryGrowth(samples, 1000);
    expect(growth.firstBytes).toBe(105 * MB);
    expect(growth.lastBytes).toBe(140 * MB);
    expect(growth.growth).toBeCloseTo(140 / 105);
    expect(growth.peakBytes).toBe(300 * MB);
    // Halfway is 2500 ms: its window (1500, 2500] holds the 300 MB spike alone.
    expect(growth.secondHalfGrowth).toBeCloseTo(140 / 300);
  });

  it('tells a warm-up that settled from memory that keeps climbing', () => {
    const run = (mbAt: (s: number) => number) =>
      memoryGrowth(
        Array.from({ length: 61 }, (_, s) => ({ atMs: s * 1000, bytes: mbAt(s) * MB })),
        10_000,
      );
    const settled = run((s) => (s < 20 ? 100 + s * 2 : 140));
    expect(settled.growth).toBeGreaterThan(1.2);
    expect(settled.secondHalfGrowth).toBe(1);
    const climbing = run((s) => 100 + s * 2);
    expect(climbing.secondHalfGrowth).toBeGreaterThan(1.3);
  });

  it('measures windows from the first sample, not from zero', () => {
    const samples = [5000, 6000, 7000].map((atMs) => ({ atMs, bytes: MB }));
    expect(memoryGrowth(samples, 1000).growth).toBe(1);
  });

  it('refuses samples too short for two separate windows', () => {
    expect(() =>
      memoryGrowth(
        [
          { atMs: 0, bytes: MB },
          { atMs: 1500, bytes: MB },
        ],
        1000,
      ),
    ).toThrow(/less than two/);
    expect(() => memoryGrowth([], 1000)).toThrow(/never sampled/);
  });
});

describe('parseVmRss', () => {
  it('reads VmRSS in bytes', () => {
    expect(parseVmRss('Name:\tnode\nVmHWM:\t  90000 kB\nVmRSS:\t   81234 kB\nThreads:\t11\n')).toBe(
      81234 * 1024,
    );
  });

  it('fails clearly without a VmRSS line', () => {
    expect(() => parseVmRss('Name:\tnode\n')).toThrow(/no VmRSS/);
  });
});

describe('parseGauge', () => {
  const text = [
    '# HELP nodejs_heap_size_used_bytes Process heap size used from Node.js in bytes.',
    '# TYPE nodejs_heap_size_used_bytes gauge',
    'nodejs_heap_size_used_bytes 23456789',
    'nodejs_heap_size_used_bytes_other 1',
    '',
  ].join('\n');

  it('reads the gauge by its exact name', () => {
    expect(parseGauge(text, 'nodejs_heap_size_used_bytes')).toBe(23456789);
  });

  it('fails clearly when the gauge is missing', () => {
    expect(() => parseGauge(text, 'process_resident_memory_bytes')).toThrow(
      /no process_resident_memory_bytes/,
    );
  });
});
