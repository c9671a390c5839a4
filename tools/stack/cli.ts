import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import type { Part } from './part.ts';
import { logFile, repoRoot } from './paths.ts';
import { runningPid, stopPart } from './processes.ts';
import { partsOf, type Topology, topologies, topologyWith } from './topologies.ts';

const allParts = [...new Set(topologies.flatMap(partsOf))];
const usage = `usage: node tools/stack/cli.ts up|down|status [--brokers 1|3] [part ...]
  parts: ${allParts.map((part) => part.name).join(', ')}
  --brokers 3  the three-broker cluster and its registry instead of the default single broker
  down without parts or --brokers stops every part the stack started`;

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { brokers: { type: 'string' } },
  });
  const [command, ...names] = positionals;
  const chosen = values.brokers === undefined ? undefined : topologyWith(Number(values.brokers));
  const named = names.length > 0 ? partsNamed(names) : undefined;
  switch (command) {
    case 'up':
      return up(chosen ?? topologies[0]!, named);
    case 'down':
      // Stopping everything, say only what was stopped; for chosen parts, say what each one was.
      return down(named ?? (chosen ? partsOf(chosen) : allParts), { reportNotRunning: !!(named ?? chosen) });
    case 'status':
      return status(named ?? (chosen ? partsOf(chosen) : partsInUse()));
    default:
      throw new Error(usage);
  }
}

function partsNamed(names: string[]): Part[] {
  const unknown = names.filter((name) => !allParts.some((part) => part.name === name));
  if (unknown.length > 0) throw new Error(`unknown part(s): ${unknown.join(', ')}\n${usage}`);
  return allParts.filter((part) => names.includes(part.name));
}

/** The default topology, plus any other whose processes are running. */
function partsInUse(): Part[] {
  const [first, ...others] = topologies;
  const running = others.filter((t) => partsOf(t).some((part) => part.managed && runningPid(part.name)));
  return [...new Set([first!, ...running].flatMap(partsOf))];
}

/** Named parts start in their topologies' stage order; the nodes of one cluster start together. */
async function up(topology: Topology, named: Part[] | undefined): Promise<void> {
  const stages = named
    ? topologies.flatMap((t) => t.stages.map((stage) => stage.filter((part) => named.includes(part))))
    : topology.stages;
  const done = new Set<Part>();
  for (const stage of stages) {
    const todo = stage.filter((part) => !done.has(part));
    await Promise.all(todo.map(upOne));
    for (const part of todo) done.add(part);
  }
  if (!named && topology.brokers > 1) {
    console.log(
      `services: KAFKA_BROKERS=${topology.kafka.bootstrap.join(',')} SCHEMA_REGISTRY_URL=${topology.registry.address}`,
    );
  }
}

async function upOne(part: Part): Promise<void> {
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

/** In reverse start order: the registry before its Kafka. */
async function down(selected: Part[], { reportNotRunning }: { reportNotRunning: boolean }): Promise<void> {
  for (const part of [...selected].reverse()) {
    if (!part.managed) continue;
    const result = await stopPart(part.name);
    if (result === 'stopped' || reportNotRunning) console.log(`${part.name}: ${result}`);
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
