import { percentile } from './stats.ts';

export interface Series {
  label: string;
  color: string;
  samples: readonly number[];
}

const WIDTH = 720;
const HEIGHT = 320;
const MARGIN = { top: 36, right: 16, bottom: 40, left: 48 };
const BINS = 40;

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * A hand-made SVG histogram (share of samples per latency bin, one colour per series) with each series' p50
 * and p99 marked. Samples above the 99.5th percentile of all series land in the last bin, so one outlier
 * does not squash the picture.
 */
export function latencyHistogramSvg(title: string, series: readonly Series[]): string {
  const all = series.flatMap((s) => s.samples);
  const top = Math.max(1, percentile(all, 99.5));
  const binWidth = top / BINS;
  const shares = series.map((s) => {
    const counts = new Array<number>(BINS).fill(0);
    for (const sample of s.samples) counts[Math.min(BINS - 1, Math.floor(sample / binWidth))]! += 1;
    return counts.map((count) => count / Math.max(1, s.samples.length));
  });
  const maxShare = Math.max(0.01, ...shares.flat());
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (ms: number) => MARGIN.left + (Math.min(ms, top) / top) * plotW;
  const y = (share: number) => MARGIN.top + plotH - (share / maxShare) * plotH;
  const barW = plotW / BINS / series.length;

  const bars = shares.flatMap((counts, si) =>
    counts.map((share, bin) =>
      share === 0
        ? ''
        : `<rect x="${(MARGIN.left + (bin * plotW) / BINS + si * barW).toFixed(1)}" y="${y(share).toFixed(1)}" width="${barW.toFixed(1)}" height="${(MARGIN.top + plotH - y(share)).toFixed(1)}" fill="${series[si]?.color}" fill-opacity="0.8"/>`,
    ),
  );
  const markers = series.flatMap((s, si) =>
    ([50, 99] as const).map((p) => {
      const value = percentile(s.samples, p);
      if (!Number.isFinite(value)) return '';
      const px = x(value).toFixed(1);
      const labelY = MARGIN.top + 12 + si * 12;
      // A marker near the right edge gets its label on its left, or the label would be cut off.
      const anchor = x(value) > WIDTH - MARGIN.right - 90 ? 'end' : 'start';
      return `<line x1="${px}" x2="${px}" y1="${MARGIN.top}" y2="${MARGIN.top + plotH}" stroke="${s.color}" stroke-dasharray="${p === 50 ? '4 3' : '1 3'}"/><text x="${px}" y="${labelY}" font-size="10" fill="${s.color}" text-anchor="${anchor}"> p${p} ${value.toFixed(1)} ms </text>`;
    }),
  );
  const ticks = Array.from({ length: 6 }, (_, i) => (top * i) / 5).map(
    (ms) =>
      `<text x="${x(ms).toFixed(1)}" y="${HEIGHT - MARGIN.bottom + 14}" font-size="10" text-anchor="middle">${ms.toFixed(ms < 10 ? 1 : 0)}</text>`,
  );
  const legend = series.map(
    (s, i) =>
      `<rect x="${WIDTH - 250}" y="${8 + i * 12}" width="10" height="8" fill="${s.color}"/><text x="${WIDTH - 236}" y="${16 + i * 12}" font-size="10">${escapeXml(s.label)} (n=${s.samples.length})</text>`,
  );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="white"/>`,
    `<text x="${MARGIN.left}" y="20" font-size="13" font-weight="bold">${escapeXml(title)}</text>`,
    ...bars.filter(Boolean),
    `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${MARGIN.top + plotH}" y2="${MARGIN.top + plotH}" stroke="black"/>`,
    ...ticks,
    `<text x="${MARGIN.left + plotW / 2}" y="${HEIGHT - 8}" font-size="11" text-anchor="middle">latency (ms); last bin holds everything above ${top.toFixed(1)} ms</text>`,
    `<text x="12" y="${MARGIN.top + plotH / 2}" font-size="11" transform="rotate(-90 12 ${MARGIN.top + plotH / 2})" text-anchor="middle">share of samples</text>`,
    ...markers.filter(Boolean),
    ...legend,
    '</svg>',
    '',
  ].join('\n');
}
