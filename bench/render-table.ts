import type { BenchReport, Figure } from './figure.ts';

/** Three significant digits at most, no exponent: 12345 → "12345", 1.23456 → "1.23", 0.01234 → "0.0123". */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  const abs = Math.abs(value);
  if (abs >= 100) return Math.round(value).toString();
  if (abs >= 10) return value.toFixed(1);
  if (abs >= 1) return value.toFixed(2);
  return value.toPrecision(3);
}

const columns: Array<[string, (f: Figure) => string]> = [
  ['figure', (f) => f.title],
  ['ours', (f) => `${formatNumber(f.ours)} ${f.unit}`],
  ['baseline', (f) => `${formatNumber(f.baseline)} ${f.unit}`],
  ['ratio', (f) => `${formatNumber(f.ratio)}×`],
  ['target', (f) => f.target],
  ['verdict', (f) => (f.met ? 'pass' : 'miss')],
];

/** A Markdown table (pastes into a note as is), then each figure's details and any figure that failed. */
export function renderReport(report: BenchReport): string {
  const rows = [
    columns.map(([title]) => title),
    ...report.figures.map((f) => columns.map(([, cell]) => cell(f))),
  ];
  const widths = columns.map((_, i) => Math.max(...rows.map((row) => (row[i] as string).length)));
  const line = (row: string[]) => `| ${row.map((cell, i) => cell.padEnd(widths[i] as number)).join(' | ')} |`;
  const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  const { machine } = report;
  return [
    `${machine.mode} run, ${machine.date}, node ${machine.node}, ${machine.cpus} × ${machine.cpuModel}`,
    '',
    line(rows[0] as string[]),
    rule,
    ...rows.slice(1).map(line),
    '',
    ...report.figures.flatMap((f) => [
      `${f.id}:`,
      ...Object.entries(f.details).map(
        ([key, value]) => `  ${key}: ${typeof value === 'number' ? formatNumber(value) : value}`,
      ),
    ]),
    ...report.failures.map((failure) => `NOT MEASURED ${failure.id}: ${failure.error}`),
  ].join('\n');
}
