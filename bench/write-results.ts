import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchReport } from './figure.ts';

const DATED = /^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}\.json$/;

/**
 * latest.json plus one dated copy (older dated copies are removed so the folder stays small enough to commit),
 * and any pictures. Returns the files written.
 */
export function writeResults(dir: string, report: BenchReport, pictures: Record<string, string>): string[] {
  mkdirSync(dir, { recursive: true });
  const json = `${JSON.stringify(report, null, 2)}\n`;
  const dated = `${report.machine.date.slice(0, 16).replace(':', '-')}.json`;
  for (const name of readdirSync(dir)) if (DATED.test(name) && name !== dated) rmSync(join(dir, name));
  const files = { 'latest.json': json, [dated]: json, ...pictures };
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return Object.keys(files).map((name) => join(dir, name));
}
