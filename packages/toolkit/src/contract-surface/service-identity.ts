import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServiceIdentity } from './contract-manifest.ts';

export interface ServiceIdentityInput {
  /** The name the catalog's topics.json uses for the service (its producers and consumers). */
  name: string;
  /** The service's package.json: its version is the service's version. */
  packageJson: URL;
  /** The commit the build came from, when the build says it (e.g. a GIT_COMMIT build argument). */
  commit?: string | undefined;
}

/** Read once at start: the package version, and the commit given or else the one git checked out there. */
export function serviceIdentityOf({ name, packageJson, commit }: ServiceIdentityInput): ServiceIdentity {
  const { version } = JSON.parse(readFileSync(packageJson, 'utf8')) as { version?: unknown };
  if (typeof version !== 'string') throw new Error(`${fileURLToPath(packageJson)} has no version`);
  return { name, version, commit: commit ?? checkedOutCommit(dirname(fileURLToPath(packageJson))) };
}

// A container image usually has no .git: null says "unknown" rather than failing the start.
function checkedOutCommit(dir: string): string | null {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return null;
  }
}
