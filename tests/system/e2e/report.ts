import type { Verdict } from './verify.ts';

export interface ScenarioResult {
  name: string;
  acknowledged: number;
  found: number;
  lost: number;
  duplicated: number;
  mangled: number;
  dlq: number;
  http5xx: number;
  maxDelayMs: number;
  /** Malformed requests not refused with a 4xx, as `<kind> → <status>`. */
  notes: string[];
  /** What happened along the way (partition assignments, readiness), printed under the table. */
  observations: string[];
  /** Scenario-specific checks that failed; each fails the run. */
  problems: string[];
  /** Database-fault scenarios: 5xx answers a client settled by retrying with its Idempotency-Key. */
  retried5xx?: { answers: number; outcomeUnknown: number };
  /** Database-fault scenarios: the slowest recovery (first 201, relay, profile) after any fault ended; ∞: never. */
  recoveredMs?: number;
}

/** One row of the table: what the load got acknowledged, what the verdict found, and the scenario's extras. */
export function scenarioResult(
  name: string,
  { acknowledged, http5xx }: { acknowledged: number; http5xx: number },
  verdict: Verdict,
  extras: Pick<ScenarioResult, 'dlq' | 'notes' | 'observations' | 'problems' | 'retried5xx' | 'recoveredMs'>,
): ScenarioResult {
  return {
    name,
    acknowledged,
    found: verdict.found,
    lost: verdict.lost.length,
    duplicated: verdict.duplicated,
    mangled: verdict.mangled.length,
    http5xx,
    maxDelayMs: verdict.maxDelayMs,
    ...extras,
  };
}

const columns: Array<[string, (r: ScenarioResult) => string]> = [
  ['scenario', (r) => r.name],
  ['acked (201)', (r) => String(r.acknowledged)],
  ['profiles', (r) => String(r.found)],
  ['lost', (r) => String(r.lost)],
  ['duplicated', (r) => String(r.duplicated)],
  ['mangled', (r) => String(r.mangled)],
  ["DLQ'd", (r) => String(r.dlq)],
  ['HTTP 5xx', (r) => String(r.http5xx)],
  [
    '5xx retried (unknown)',
    (r) => (r.retried5xx ? `${r.retried5xx.answers} (${r.retried5xx.outcomeUnknown})` : '–'),
  ],
  ['max e2e delay', (r) => `${(r.maxDelayMs / 1000).toFixed(2)} s`],
  ['recovered', (r) => (r.recoveredMs === undefined ? '–' : seconds(r.recoveredMs))],
];

function seconds(ms: number): string {
  return Number.isFinite(ms) ? `${(ms / 1000).toFixed(2)} s` : 'never';
}

/** A Markdown table, so the same text reads well in a terminal and pastes into a note. */
export function renderTable(results: ScenarioResult[]): string {
  const rows = [columns.map(([title]) => title), ...results.map((r) => columns.map(([, cell]) => cell(r)))];
  const widths = columns.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  const line = (row: string[]) =>
    `| ${row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [line(rows[0]!), rule, ...rows.slice(1).map(line)].join('\n');
}
