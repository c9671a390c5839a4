import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, lstatSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scratchDir } from '@events/test-kit/scratch-dir';
import { describe, expect, it } from 'vitest';
import { nodeBinary } from './outside-project/node-binaries.ts';
import { linesUntil, type ProjectShell, projectShell, repoRoot } from './outside-project/project-runner.ts';
import { writeGettingStartedProject } from './outside-project/readme-project.ts';
import { createTopicsForTest, deleteSubjectsAfterTest } from './outside-project/stack-leftovers.ts';

const packageDir = join(import.meta.dirname, '..');
const packageJson = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
/** The oldest major `engines` admits, and the one this repository runs (root devDependency `node`). */
const nodeMajors = [20, Number(process.versions.node.split('.')[0])];
const installOptions = ['--prefer-offline', '--no-audit', '--no-fund'];

/** The version this repository installed: the npm cache has it, so the project installs offline. */
function repoVersionOf(name: string): string {
  return `${name}@${JSON.parse(readFileSync(join(repoRoot, 'node_modules', name, 'package.json'), 'utf8')).version}`;
}

interface Consumed {
  type: string;
  key: string;
  event: Record<string, unknown>;
}

/** What the README's consumer prints for the events the README's producer sent for one order. */
function eventsOfOrder(orderId: string, ns: string): Consumed[] {
  const total = { amount: '42.50', currency: 'EUR' };
  const at = expect.stringMatching(/^\d{4}-\d\d-\d\dT/);
  return [
    {
      type: `${ns}.shop.OrderPlaced`,
      key: orderId,
      event: { orderId, total, lines: [{ sku: 'BOOK-42', quantity: 2 }], couponCode: null, placedAt: at },
    },
    {
      type: `${ns}.shop.OrderCancelled`,
      key: orderId,
      event: { orderId, reason: 'Ordered it twice.', cancelledAt: at },
    },
    {
      type: `${ns}.shop.PaymentReceived`,
      key: orderId,
      event: { paymentId: expect.any(String), orderId, amount: total, receivedAt: at },
    },
  ];
}

/** Runs the README's producer, then its consumer in a group of its own until it printed every event of `orders`. */
async function produceAndConsume(
  shell: ProjectShell,
  orderIds: string[],
  group: string,
): Promise<Consumed[]> {
  const produced = await shell.run('npm', ['run', '-s', 'produce']);
  const orderId = /^order ([0-9a-f-]{36}): placed, cancelled, paid$/m.exec(produced)?.[1];
  if (!orderId) throw new Error(`the producer did not print its order id:\n${produced}`);
  orderIds.push(orderId);
  const consumer = shell.start('node', ['dist/consume.js'], { CONSUMER_GROUP: group });
  // kafkajs logs to stdout too: the events are the lines the consumer's handlers print.
  const eventsIn = (lines: string[]) =>
    lines.filter((line) => line.startsWith('{"type":')).map((line) => JSON.parse(line) as Consumed);
  const { lines, exitCode } = await linesUntil(
    consumer,
    (seen) => eventsIn(seen).length >= orderIds.length * 3,
    30_000,
  );
  expect(exitCode, 'the consumer stops cleanly on SIGTERM').toBe(0);
  return eventsIn(lines);
}

describe('a new team, outside this repository, following the README', () => {
  it('installs the packed toolkit, generates, type-checks, registers, produces and consumes every event type on each Node it claims', async () => {
    expect(packageJson.engines.node, 'the Node majors this test runs are the ones engines claims').toBe(
      '^20.12.0 || >=22',
    );
    const [oldest, current] = nodeMajors.map(nodeBinary) as [string, string];

    // npm pack runs prepack, which builds: the tarball is what a publish would upload.
    const work = scratchDir('toolkit-outside-project-');
    expect(work.startsWith(repoRoot)).toBe(false);
    const packOutput = execFileSync('npm', ['pack', '--json', '--pack-destination', work], {
      cwd: packageDir,
      encoding: 'utf8',
      env: Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('npm_'))),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // The build's log comes first on stdout, then npm's JSON.
    const [packed] = JSON.parse(packOutput.slice(packOutput.indexOf('[\n'))) as [
      { filename: string; files: { path: string }[] },
    ];
    const packedPaths = packed.files.map((file) => file.path);
    expect(packedPaths).toEqual(
      expect.arrayContaining(['dist/index.d.ts', 'dist/build.d.ts', 'bin/events-generate.js']),
    );
    expect(packedPaths.filter((path) => /^(src|test|cli)\//.test(path))).toEqual([]);

    const suffix = randomUUID().replaceAll('-', '').slice(0, 10);
    const ns = `acme${suffix}`;
    const project = join(work, 'billing');
    writeGettingStartedProject(project, suffix);
    const topics = Object.keys(JSON.parse(readFileSync(join(project, 'schemas', 'topics.json'), 'utf8')));
    const subjects = readdirSync(join(project, 'schemas')).filter((name) => name !== 'topics.json');
    // Every topic and subject of this run has a name of its own on the shared broker and registry.
    expect([...topics, ...subjects].filter((name) => !name.includes(suffix))).toEqual([]);
    deleteSubjectsAfterTest(suffix);

    const shell = projectShell(project, current);
    await shell.run('npm', [
      'install',
      ...installOptions,
      join(work, packed.filename),
      repoVersionOf('kafkajs'),
    ]);
    await shell.run('npm', [
      'install',
      ...installOptions,
      '--save-dev',
      repoVersionOf('typescript'),
      repoVersionOf('@types/node'),
    ]);
    const installed = join(project, 'node_modules', '@events', 'toolkit');
    expect(lstatSync(installed).isSymbolicLink(), 'a copy from the tarball, not a link into this repo').toBe(
      false,
    );

    await shell.run('npm', ['run', '-s', 'generate']);
    expect(readFileSync(join(project, 'src', 'generated', 'index.ts'), 'utf8')).toMatch(
      /from '\.\/[\w-]+\.js'/,
    );
    // Beyond the README: a team's own script on the build entry compiles in the same strict program and runs.
    writeFileSync(
      join(project, 'src', 'list-subjects.ts'),
      "import { loadCatalog } from '@events/toolkit/build';\n\nfor (const { subject } of loadCatalog('schemas').subjects) console.log(subject);\n",
    );
    await shell.run('npm', ['run', '-s', 'typecheck']);
    await shell.run('npm', ['run', '-s', 'build']);
    expect(existsSync(join(project, 'dist', 'consume.js'))).toBe(true);
    expect((await shell.run('node', ['dist/list-subjects.js'])).trim().split('\n').sort()).toEqual(
      subjects.sort(),
    );
    await shell.run('npm', ['run', '-s', 'schemas:check']);
    const registered = await shell.run('npm', ['run', '-s', 'schemas:register']);
    for (const subject of subjects) expect(registered).toContain(subject);

    await createTopicsForTest(topics);
    const orderIds: string[] = [];
    const onCurrent = await produceAndConsume(shell, orderIds, `billing-${suffix}-node${nodeMajors[1]}`);
    expect(onCurrent).toHaveLength(3);
    expect(onCurrent).toEqual(expect.arrayContaining(eventsOfOrder(orderIds[0] as string, ns)));

    // The same project on the oldest Node the toolkit claims: the commands, and the compiled producer and
    // consumer (reading the first run's events too).
    const onOldest = projectShell(project, oldest);
    expect(await onOldest.run('node', ['--version'])).toMatch(new RegExp(`^v${nodeMajors[0]}\\.`));
    expect(await onOldest.run('npm', ['run', '-s', 'generate'])).toBe('');
    await onOldest.run('npm', ['run', '-s', 'schemas:check']);
    await onOldest.run('node', ['dist/list-subjects.js']);
    expect(await onOldest.run('npm', ['run', '-s', 'schemas:register'])).toMatch(/unchanged/);
    const onOldestEvents = await produceAndConsume(
      onOldest,
      orderIds,
      `billing-${suffix}-node${nodeMajors[0]}`,
    );
    expect(onOldestEvents).toHaveLength(6);
    expect(onOldestEvents).toEqual(
      expect.arrayContaining(orderIds.flatMap((orderId) => eventsOfOrder(orderId, ns))),
    );
    // Two npm installs, two type-checks and two Kafka round trips: about 100 s alone, more beside other suites.
  }, 360_000);
});
