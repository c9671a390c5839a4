import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { RunContext } from '@events/harness/run-context';
import { repoRoot } from '@events/stack/paths';
import { checkCompatibility } from '@events/toolkit/build';
import type { BenchOptions } from '../bench-options.ts';
import { type Figure, ratioOf } from '../figure.ts';
import { median } from '../stats.ts';
import { type SchemaSetSubject, schemaSet, writeSchemaSet } from './schema-set.ts';

const cli = join(repoRoot, 'node_modules/.bin/events-schemas-check');

interface CheckSummary {
  catalogError?: string;
  summary: { subjects: number; incompatible: number; lintErrors: number };
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
  const { subjects, incompatible, lintErrors } = report.summary;
  if (subjects !== set.length || incompatible + lintErrors !== 0) {
    throw new Error(
      `schemas:check saw ${subjects} subjects, ${incompatible} incompatible, ${lintErrors} lint errors; expected ${set.length}, 0, 0`,
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
          `checkCompatibility found incompatibilities in a compatible set: ${JSON.stringify(result.findings[0])}`,
        );
    }
    return performance.now() - started;
  };
  const coldMs = once();
  return { coldMs, warmMs: median(Array.from({ length: runs }, once)) };
}

interface SizeTiming {
  label: string;
  limitMs: number;
  /** The first run, whose compile cache is empty (a CI job's single run). */
  coldCliMs: number;
  cliMs: number;
  floorMs: number;
  pure: { coldMs: number; warmMs: number };
}

/** Median wall time of the CLI and of `node -e ''` on one generated set, runs interleaved so load hits both alike. */
async function timeSize(
  ctx: RunContext,
  size: BenchOptions['schemasCheck']['sizes'][number],
  runs: number,
): Promise<SizeTiming> {
  const set = schemaSet(size.subjects, size.versions);
  const dir = mkdtempSync(join(tmpdir(), 'bench-schemas-'));
  try {
    writeSchemaSet(join(dir, 'schemas'), set);
    const { SCHEMA_REGISTRY_URL: _offline, ...inherited } = process.env;
    // The CLI enables Node's compile cache; a fresh one per size makes the first run cold, the others warm.
    const env = { ...inherited, NODE_COMPILE_CACHE: join(dir, 'compile-cache') };
    const cliRuns: number[] = [];
    const floorRuns: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      const check = await timeProcess([cli, '--schemas', join(dir, 'schemas'), '--format', 'json'], env);
      verifyReport(check.stdout, set);
      cliRuns.push(check.ms);
      floorRuns.push((await timeProcess(['-e', ''], env)).ms);
    }
    const label = `${size.subjects}×${size.versions}`;
    ctx.log(`schemas:check ${label}: ${cliRuns.map((ms) => ms.toFixed(0)).join(', ')} ms`);
    return {
      label,
      limitMs: size.limitMs,
      coldCliMs: cliRuns[0] ?? Number.NaN,
      cliMs: median(cliRuns),
      floorMs: median(floorRuns),
      pure: timePureCheck(set, runs),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * `schemas:check` (compatibility, lint, validity, generated files; offline: no registry) as a whole process
 * on generated catalogs of each size, against the floor for any Node CLI, `node -e ''`. The verdict is the
 * time above that floor against each size's limit; the figure's number is the first (smallest) size.
 */
export async function schemasCheckFigure(
  ctx: RunContext,
  options: BenchOptions['schemasCheck'],
): Promise<Figure> {
  const timings: SizeTiming[] = [];
  for (const size of options.sizes) timings.push(await timeSize(ctx, size, options.runs));
  const [first] = timings;
  if (!first) throw new Error('no catalog size to time schemas:check on');
  const details: Figure['details'] = {
    measured: `wall time of \`events-schemas-check --schemas <generated> --format json\`, median of ${options.runs} (the first with an empty compile cache); baseline: \`node -e ''\``,
  };
  for (const timing of timings) {
    details[`${timing.label}: CLI (ms)`] = timing.cliMs;
    details[`${timing.label}: CLI first run, empty compile cache (ms)`] = timing.coldCliMs;
    details[`${timing.label}: CLI above the node floor (ms), limit ${timing.limitMs}`] =
      timing.cliMs - timing.floorMs;
    details[`${timing.label}: pure checkCompatibility over every subject, cold (ms)`] = timing.pure.coldMs;
    details[`${timing.label}: pure checkCompatibility over every subject, warm median (ms)`] =
      timing.pure.warmMs;
  }
  return {
    id: 'schemas-check',
    title: `schemas:check with lint, ${timings.map((timing) => timing.label).join(' and ')}`,
    unit: 'ms',
    ours: first.cliMs,
    baseline: first.floorMs,
    ratio: ratioOf(first.cliMs, first.floorMs),
    target: timings.map((timing) => `${timing.label} < ${timing.limitMs} ms above node start-up`).join('; '),
    met: timings.every((timing) => timing.cliMs - timing.floorMs < timing.limitMs),
    details,
  };
}
