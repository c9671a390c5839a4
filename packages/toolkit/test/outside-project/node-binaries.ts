import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

const repoRoot = join(import.meta.dirname, '..', '..', '..', '..');
const stackDir = process.env.STACK_DIR ?? join(repoRoot, '.stack');

function majorOf(binary: string): number | undefined {
  try {
    const version = execFileSync(binary, ['--version'], { encoding: 'utf8' }).trim();
    return Number(/^v(\d+)\./.exec(version)?.[1]);
  } catch {
    return undefined;
  }
}

/**
 * A Node binary of this major: this process's, else one on the machine (PATH, /usr/bin, /usr/local/bin), else
 * Node's own build from npm (`node-<platform>-<arch>`, what the root's `node` devDependency installs for Node
 * 24) unpacked once into the stack folder, so the run never depends on what the machine happens to have.
 */
export function nodeBinary(major: number): string {
  if (majorOf(process.execPath) === major) return process.execPath;
  const onMachine = [...(process.env.PATH ?? '').split(delimiter), '/usr/bin', '/usr/local/bin']
    .map((dir) => join(dir, 'node'))
    .find((binary) => existsSync(binary) && majorOf(binary) === major);
  if (onMachine) return onMachine;
  const prefix = join(stackDir, `node-${major}`);
  const name = `node-${process.platform}-${process.arch}`;
  const provisioned = join(prefix, 'node_modules', name, 'bin', 'node');
  if (!existsSync(provisioned)) {
    execFileSync(
      'npm',
      [
        'install',
        '--prefix',
        prefix,
        '--no-save',
        '--prefer-offline',
        '--no-audit',
        '--no-fund',
        `${name}@${major}`,
      ],
      { stdio: 'ignore' },
    );
  }
  if (majorOf(provisioned) !== major) throw new Error(`${provisioned} is not Node ${major}`);
  return provisioned;
}
