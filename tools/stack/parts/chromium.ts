import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chromiumPath, stackChromium } from '@events/test-kit/stack-addresses';
import { type Part, PartError } from '../part.ts';

const run = promisify(execFile);
const dir = stackChromium.dir;

/**
 * Debian's Chromium unpacked into `.stack/chromium` without root: `apt-get download` of the package and the
 * libraries this machine lacks, then `dpkg-deb -x`. Playwright's own browser download cannot work here.
 */
export const chromium: Part = {
  name: 'chromium',
  address: chromiumPath,
  managed: false,
  probe: async () => existsSync(chromiumPath),
  async up() {
    if (existsSync(chromiumPath)) return;
    if (process.env.CHROMIUM_PATH)
      throw new PartError('chromium', `CHROMIUM_PATH=${chromiumPath} does not exist`);
    try {
      await provision();
    } catch (error) {
      throw new PartError(
        'chromium',
        `could not unpack Debian's chromium into ${dir} (${(error as Error).message.trim()}); ` +
          'install it with `apt-get install chromium`, or set CHROMIUM_PATH',
        { cause: error },
      );
    }
  },
};

async function provision(): Promise<void> {
  const debs = join(dir, 'debs');
  const root = join(dir, 'root');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(debs, { recursive: true });
  // The simulated install lists exactly the packages this machine is missing, whatever it already has.
  const { stdout } = await run('apt-get', ['install', '--simulate', '--no-install-recommends', 'chromium']);
  const packages = [...stdout.matchAll(/^Inst (\S+)/gm)].map((match) => match[1]!);
  if (!packages.includes('chromium')) throw new Error('apt-get does not offer a chromium package');
  console.log(`  chromium: fetching ${packages.length} Debian packages (first run only) ...`);
  await run('apt-get', ['download', ...packages], { cwd: debs, maxBuffer: 16 * 1024 * 1024 });
  for (const deb of readdirSync(debs)) await run('dpkg-deb', ['-x', join(debs, deb), root]);
  rmSync(debs, { recursive: true });
  const multiarch = readdirSync(join(root, 'usr', 'lib')).find((name) => name.endsWith('-linux-gnu'));
  const libs = join(root, 'usr', 'lib', multiarch ?? '');
  writeFileSync(
    stackChromium.launcher,
    `#!/bin/sh\nexport LD_LIBRARY_PATH="${libs}:${join(libs, 'pulseaudio')}\${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"\n` +
      `exec "${join(root, 'usr', 'lib', 'chromium', 'chromium')}" "$@"\n`,
  );
  chmodSync(stackChromium.launcher, 0o755);
}
