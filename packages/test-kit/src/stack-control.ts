import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** Runs a root npm script (stack control, schema registration) and fails with its output if it fails. */
export function runRootScript(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '-s', ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`npm run ${args.join(' ')} exited with ${code}:\n${output}`)),
    );
  });
}

/** Stops or starts one part of the shared stack (`kafka`, `registry`...) through the CLI a person uses. */
export function stackPart(action: 'up' | 'down', part: string): Promise<void> {
  return runRootScript([`stack:${action}`, '--', part]);
}
