import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import type { Part } from './part.ts';
import { kafka } from './parts/kafka.ts';
import { postgres } from './parts/postgres.ts';
import { registry } from './parts/registry.ts';
import { zipkin } from './parts/zipkin.ts';
import { logFile, repoRoot } from './paths.ts';
import { runningPid, stopPart } from './processes.ts';

/** In start order: the registry stores its schemas in Kafka. */
const parts: Part[] = [postgres, kafka, registry, zipkin];
const usage = 'usage: node scripts/stack/cli.ts up|down|status [kafka] [registry] [postgres] [zipkin]';

async function main(argv: string[]): Promise<void> {
  const [command, ...names] = argv;
  const selected = selectParts(names);
  switch (command) {
    case 'up':
      return up(selected);
    case 'down':
      return down(selected);
    case 'status':
      return status(selected);
    default:
      throw new Error(usage);
  }
}

function selectParts(names: string[]): Part[] {
  const unknown = names.filter((name) => !parts.some((part) => part.name === name));
  if (unknown.length > 0) throw new Error(`unknown part(s): ${unknown.join(', ')}\n${usage}`);
  return names.length === 0 ? parts : parts.filter((part) => names.includes(part.name));
}

async function up(selected: Part[]): Promise<void> {
  for (const part of selected) {
    const wasUp = await part.probe();
    const started = Date.now();
    if (!wasUp) console.log(`${part.name}: starting ...`);
    await part.up();
    console.log(
      wasUp
        ? `${part.name}: already up at ${part.address}`
        : `${part.name}: up at ${part.address} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
  }
}

async function down(selected: Part[]): Promise<void> {
  for (const part of [...selected].reverse()) {
    if (!part.managed) continue;
    const result = await stopPart(part.name);
    console.log(`${part.name}: ${result}`);
  }
}

async function status(selected: Part[]): Promise<void> {
  const rows = await Promise.all(
    selected.map(async (part) => {
      const pid = part.managed ? runningPid(part.name) : undefined;
      const answers = await part.probe();
      const state = answers ? 'up' : pid !== undefined ? 'starting' : 'down';
      const log =
        part.managed && existsSync(logFile(part.name)) ? relative(repoRoot, logFile(part.name)) : '-';
      const owner = part.managed
        ? pid === undefined && answers
          ? 'external'
          : String(pid ?? '-')
        : 'machine';
      return [part.name, state, part.address, owner, log];
    }),
  );
  printTable([['part', 'state', 'address', 'pid', 'log'], ...rows]);
  if (rows.some((row) => row[1] !== 'up')) process.exitCode = 1;
}

function printTable(rows: string[][]): void {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  for (const row of rows)
    console.log(
      row
        .map((cell, column) => cell.padEnd(widths[column]!))
        .join('  ')
        .trimEnd(),
    );
}

main(process.argv.slice(2)).catch((error: Error) => {
  console.error(`stack: ${error.message}`);
  process.exitCode = 1;
});
