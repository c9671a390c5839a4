import { describe, expect, it } from 'vitest';
import { latencyHistogramSvg } from './latency-histogram-svg.ts';

describe('latencyHistogramSvg', () => {
  const ours = Array.from({ length: 200 }, (_, i) => 5 + (i % 10));
  const raw = Array.from({ length: 200 }, (_, i) => 1 + (i % 4));

  it('draws one bar colour per series and marks each series p50 and p99', () => {
    const svg = latencyHistogramSvg('E2E <latency>', [
      { label: 'ours', color: '#d62728', samples: ours },
      { label: 'raw kafkajs', color: '#1f77b4', samples: raw },
    ]);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('E2E &lt;latency&gt;');
    expect(svg).toMatch(/<rect [^>]*fill="#d62728" fill-opacity/);
    expect(svg).toMatch(/<rect [^>]*fill="#1f77b4" fill-opacity/);
    expect(svg).toContain('p50 9.0 ms');
    expect(svg).toContain('p50 2.0 ms');
    expect(svg).toContain('ours (n=200)');
  });

  it('puts the label of a marker at the right edge on its left', () => {
    const svg = latencyHistogramSvg('t', [{ label: 'a', color: '#000', samples: [1, 1, 1, 100] }]);
    expect(svg).toMatch(/text-anchor="end"> p99 100\.0 ms /);
    expect(svg).toMatch(/text-anchor="start"> p50 1\.0 ms /);
  });

  it('stays small enough to commit', () => {
    const svg = latencyHistogramSvg('t', [
      { label: 'a', color: '#000', samples: Array.from({ length: 50_000 }, Math.random) },
    ]);
    expect(svg.length).toBeLessThan(20_000);
  });
});
