/**
 * `npm start`: the whole system in the foreground. Brings the stack up, builds, registers the schemas,
 * then runs both services with their logs side by side; Ctrl-C stops the services (the stack stays up:
 * `npm run stack:down` stops it).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import pretty from 'pino-pretty';
import { zipkinUrl } from './parts/zipkin.ts';
import { repoRoot } from './paths.ts';
import { serviceLaunch } from './service-launch.ts';

const services = [
  { name: 'user-service', ...serviceLaunch.users },
  { name: 'profile-service', ...serviceLaunch.profiles },
];

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: repoRoot, stdio: 'inherit' });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}`)),
    );
  });
}

function startService({ name, entry, nodeFlags }: (typeof services)[number]): ChildProcess {
  const child = spawn(process.execPath, [...nodeFlags, join(repoRoot, entry)], {
    cwd: repoRoot,
    // Traces go to the stack's Zipkin unless the caller configured OpenTelemetry otherwise.
    env: {
      OTEL_TRACES_EXPORTER: 'zipkin',
      OTEL_EXPORTER_ZIPKIN_ENDPOINT: `${zipkinUrl}/api/v2/spans`,
      ...process.env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  child.stdout?.pipe(
    pretty({ colorize: process.stdout.isTTY, messageFormat: `[${name}] {msg}`, ignore: 'pid,hostname' }),
  );
  return child;
}

async function main(): Promise<void> {
  await run('node', ['tools/stack/cli.ts', 'up']);
  await run('npx', ['turbo', 'run', 'build', '--output-logs=errors-only']);
  await run('npm', ['run', '-s', 'schemas:register']);

  const children = services.map(startService);
  console.log(
    `\ntraces: ${zipkinUrl}/zipkin/  (one trace per registration, from the HTTP request to the profile row)\n`,
  );
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    console.log('\nstopping services (the stack keeps running; `npm run stack:down` stops it) ...');
    for (const child of children) child.kill('SIGTERM');
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  const exits = await Promise.all(
    children.map(
      (child, index) =>
        new Promise<number>((resolve) =>
          child.on('exit', (code, signal) => {
            if (!stopping) {
              console.error(`${services[index]!.name} exited (${signal ?? code}); stopping the other one`);
              stop();
            }
            resolve(code ?? 1);
          }),
        ),
    ),
  );
  process.exitCode = exits.every((code) => code === 0) ? 0 : 1;
}

main().catch((error: Error) => {
  console.error(`start: ${error.message}`);
  process.exitCode = 1;
});
