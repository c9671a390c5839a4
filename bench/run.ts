/**
 * `npm run bench`: each figure against the limit of the parts it is built from, measured in the same run on
 * the local stack, printed as a table and written to bench/results/. Missing a target never fails the run
 * (machines are noisy); a figure that cannot be measured does, so CI can run `--quick` to prove the harness.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createRunContext } from '@events/harness/run-context';
import { assertServicesBuilt } from '@events/harness/service-process';
import { repoRoot } from '@events/stack/paths';
import { type BenchOptions, parseBenchOptions } from './bench-options.ts';
import { enableProfiling } from './bench-services.ts';
import { type BenchReport, type FigureId, type FigureOutcome, figureIds } from './figure.ts';
import { consumerCatchUpFigure } from './figures/consumer-catch-up.ts';
import { consumerScaleOutFigure } from './figures/consumer-scale-out.ts';
import { e2eLatencyFigure } from './figures/e2e-latency.ts';
import { httpRegisterFigure } from './figures/http-register.ts';
import { memoryUnderLoadFigure } from './figures/memory-under-load.ts';
import { outageRecoveryFigure } from './figures/outage-recovery.ts';
import { outboxAtScaleFigure } from './figures/outbox-at-scale.ts';
import { outboxDiskFigure } from './figures/outbox-disk.ts';
import { relayTakeoverFigure } from './figures/relay-takeover.ts';
import { schemasCheckFigure } from './figures/schemas-check.ts';
import { serdeFigure } from './figures/serde.ts';
import { tracingOverheadFigure } from './figures/tracing-overhead.ts';
import { summarizeProfiles } from './profile-summary.ts';
import { renderReport } from './render-table.ts';
import { waitForStack } from './stack-preflight.ts';
import { writeResults } from './write-results.ts';

const options = parseBenchOptions(process.argv.slice(2));
// Interrupted: leave through 'exit', whose handlers kill every service and broker the run started.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
const ctx = createRunContext('bench');
// Every figure but these talks to the registry; all but serde also run the services.
const needsRegistry: readonly FigureId[] = figureIds.filter((id) => id !== 'schemas-check');
const needsServices: readonly FigureId[] = needsRegistry.filter((id) => id !== 'serde');

const runners: Record<FigureId, (o: BenchOptions) => Promise<FigureOutcome>> = {
  serde: async (o) => ({ figure: await serdeFigure(ctx, o.serde) }),
  'schemas-check': async (o) => ({ figure: await schemasCheckFigure(ctx, o.schemasCheck) }),
  'http-register': async (o) => ({ figure: await httpRegisterFigure(ctx, o.http) }),
  'tracing-overhead': async (o) => ({ figure: await tracingOverheadFigure(ctx, o.http) }),
  'e2e-latency': (o) => e2eLatencyFigure(ctx, o.e2e),
  'consumer-catch-up': async (o) => ({ figure: await consumerCatchUpFigure(ctx, o.catchUp) }),
  'memory-under-load': async (o) => ({ figure: await memoryUnderLoadFigure(ctx, o.memory) }),
  'outbox-at-scale': async (o) => ({ figure: await outboxAtScaleFigure(ctx, o.outboxAtScale) }),
  'outbox-disk': async (o) => ({ figure: await outboxDiskFigure(ctx, o.outboxDisk) }),
  'relay-takeover': async (o) => ({ figure: await relayTakeoverFigure(ctx, o.relayTakeover) }),
  'outage-recovery': async (o) => ({ figure: await outageRecoveryFigure(ctx, o.outage) }),
  'consumer-scale-out': async (o) => ({ figure: await consumerScaleOutFigure(ctx, o.scaleOut) }),
};

async function main(): Promise<number> {
  if (options.only.some((id) => needsServices.includes(id))) {
    assertServicesBuilt();
  }
  const profileDir = options.profile ? mkdtempSync(join(tmpdir(), 'bench-cpuprof-')) : undefined;
  if (profileDir) enableProfiling(profileDir);
  if (options.only.some((id) => needsRegistry.includes(id))) {
    await waitForStack(ctx);
    ctx.log('registering schemas (npm run schemas:register)');
    // A failure here is reported, not fatal: if the subject is already registered every figure still works.
    await promisify(execFile)('npm', ['run', '-s', 'schemas:register'], { cwd: repoRoot }).catch(
      (error: { stderr?: string }) =>
        ctx.log(
          `schemas:register failed, continuing with what the registry holds: ${error.stderr?.trim() ?? error}`,
        ),
    );
  }

  const report: BenchReport = {
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
      node: process.version,
      date: new Date().toISOString(),
      mode: options.quick ? 'quick' : 'full',
    },
    figures: [],
    failures: [],
  };
  const pictures: Record<string, string> = {};
  for (const id of options.only) {
    ctx.log(`── ${id}`);
    try {
      if (needsRegistry.includes(id)) await waitForStack(ctx);
      const outcome = await runners[id](options);
      report.figures.push(outcome.figure);
      Object.assign(pictures, outcome.pictures);
      ctx.log(
        `${id}: ours ${outcome.figure.ours.toFixed(1)} vs ${outcome.figure.baseline.toFixed(1)} ${outcome.figure.unit}`,
      );
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      report.failures.push({ id, error: message });
      ctx.log(`${id} could not be measured: ${message}`);
    }
  }

  console.log(`\n${renderReport(report)}\n`);
  const outDir =
    options.outDir ??
    (options.quick ? mkdtempSync(join(tmpdir(), 'bench-quick-')) : join(repoRoot, 'bench', 'results'));
  for (const file of writeResults(outDir, report, pictures)) console.log(`wrote ${file}`);
  if (profileDir) console.log(`\n${summarizeProfiles(profileDir)}`);
  return report.failures.length === 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: Error) => {
    console.error(`bench: ${error.stack ?? error.message}`);
    process.exitCode = 1;
  },
);
