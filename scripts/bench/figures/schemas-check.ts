import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { checkCompatibility } from '@events/contracts';
import type { RunContext } from '../../harness/run-context.ts';
import { repoRoot } from '../../stack/paths.ts';
import type { BenchOptions } from '../bench-options.ts';
import { type Figure, ratioOf } from '../figure.ts';
import { median } from '../stats.ts';
import { type SchemaSetSubject, schemaSet, writeSchemaSet } from './schema-set.ts';

const TARGET_MS = 1000;
const cli = join(repoRoot, 'node_modules/.bin/events-schemas-check');

interface CheckSummary {
  catalogError?: string;
  summary: { subjects: number; incompatible: number; invalid: number };
}

/** Wall time of a whole Node process, in ms; stdout is returned for the caller to verify. */
async function timeProcess(args: string[], env: NodeJS.ProcessEnv): Promise<{ ms: number; stdout: string }> {
  const started = performance.now();
  const { stdout } = await promisify(execFile)(process.execPath, args, {
    cwd: repoRoot,
    env,
    maxBuffer: 64 << 20,
  }).catch(
    // schemas:check exits 1 for anything not ok; the caller judges the report.
    (error: { stdout?: string; code?: number }) => {
      if (typeof error.stdout === 'string' && error.code === 1) return { stdout: error.stdout };
      throw error;
    },
  );
  return { ms: performance.now() - started, stdout };
}

function verifyReport(stdout: string, set: readonly SchemaSetSubject[]): void {
  const report = JSON.parse(stdout) as CheckSummary;
  if (report.catalogError)
    throw new Error(`schemas:check could not read the generated set: ${report.catalogError}`);
  const { subjects, incompatible, invalid } = report.summary;
  if (subjects !== set.length || incompatible !== 0 || invalid !== 0) {
    throw new Error(
      `schemas:check saw ${subjects} subjects, ${incompatible} incompatible, ${invalid} invalid; expected ${set.length}, 0, 0`,
    );
  }
}

function timePureCheck(set: readonly SchemaSetSubject[], runs: number): { coldMs: number; warmMs: number } {
  const once = () => {
    const started = performance.now();
    for (const { versions, level } of set) {
      const result = checkCompatibility({
        candidate: versions.at(-1),
        history: versions.slice(0, -1),
        level,
      });
      if (!result.compatible)
        throw new Error(
          `checkCompatibility found problems in a compatible set: ${JSON.stringify(result.problems[0])}`,
        );
    }
    return performance.now() - started;
  };
  const coldMs = once();
  return { coldMs, warmMs: median(Array.from({ length: runs }, once)) };
}

/**
 * `schemas:check` as a whole process on a generated set of subjects × versions (offline: no registry),
 * against the floor for any Node CLI, `node -e ''`. Median of several runs.
 */
export async function schemasCheckFigure(
  ctx: RunContext,
  options: BenchOptions['schemasCheck'],
): Promise<Figure> {
  const set = schemaSet(options.subjects, options.versions);
  const dir = mkdtempSync(join(tmpdir(), 'bench-schemas-'));
  try {
    writeSchemaSet(join(dir, 'schemas'), set);
    const { SCHEMA_REGISTRY_URL: _offline, ...env } = process.env;
    const cliRuns: number[] = [];
    const floorRuns: number[] = [];
    for (let run = 0; run < options.runs; run += 1) {
      const check = await timeProcess([cli, '--schemas', join(dir, 'schemas'), '--format', 'json'], env);
      verifyReport(check.stdout, set);
      cliRuns.push(check.ms);
      floorRuns.push((await timeProcess(['-e', ''], env)).ms);
    }
    ctx.log(`schemas:check ${cliRuns.map((ms) => ms.toFixed(0)).join(', ')} ms`);
    const pure = timePureCheck(set, options.runs);
    const ours = median(cliRuns);
    const floor = median(floorRuns);
    return {
      id: 'schemas-check',
      title: `schemas:check ${options.subjects}×${options.versions}`,
      unit: 'ms',
      ours,
      baseline: floor,
      ratio: ratioOf(ours, floor),
      target: `< ${TARGET_MS} ms`,
      met: ours < TARGET_MS,
      details: {
        measured: `wall time of \`events-schemas-check --schemas <generated> --format json\`, median of ${options.runs}; baseline: \`node -e ''\``,
        'pure checkCompatibility over every subject, cold (ms)': pure.coldMs,
        'pure checkCompatibility over every subject, warm median (ms)': pure.warmMs,
        'CLI time above the node floor (ms)': ours - floor,
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
