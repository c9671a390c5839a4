import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ContractManifest } from '../contract-surface/contract-manifest.ts';
import { ManifestError, parseManifestText } from '../deployments/parse-manifest.ts';

/** The script a service workspace declares to print the manifest its working tree would deploy. */
export const MANIFEST_SCRIPT = 'contract-manifest';

/**
 * The candidate manifest of `service`, built from the working tree: the workspace (of the npm workspaces under
 * `root`) whose package name is the service's name (or ends with `/<name>`) runs its contract-manifest script.
 */
export function candidateManifestOf(root: string, service: string): ContractManifest {
  const workspace = workspaceDirs(root).find((dir) => {
    const name = packageOf(dir).name;
    return name === service || name?.endsWith(`/${service}`);
  });
  if (!workspace)
    throw new ManifestError(`--service ${service}`, [`no workspace under ${root} is named ${service}`]);
  if (!packageOf(workspace).scripts?.[MANIFEST_SCRIPT])
    throw new ManifestError(`--service ${service}`, [
      `${workspace}/package.json has no "${MANIFEST_SCRIPT}" script`,
    ]);
  let output: string;
  try {
    output = execFileSync('npm', ['run', '--silent', MANIFEST_SCRIPT], {
      cwd: workspace,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim();
    throw new ManifestError(`--service ${service}`, [
      `npm run ${MANIFEST_SCRIPT} failed: ${stderr || (error as Error).message}`,
    ]);
  }
  return parseManifestText(output, `the ${MANIFEST_SCRIPT} output of ${service}`);
}

interface PackageJson {
  name?: string;
  workspaces?: string[];
  scripts?: Record<string, string>;
}

function packageOf(dir: string): PackageJson {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageJson;
}

/** npm's workspace patterns as this kind of repository writes them: a folder, or `folder/*`. */
function workspaceDirs(root: string): string[] {
  return (packageOf(root).workspaces ?? [])
    .flatMap((pattern) => {
      if (!pattern.endsWith('/*')) return [join(root, pattern)];
      const parent = join(root, pattern.slice(0, -2));
      return existsSync(parent)
        ? readdirSync(parent, { withFileTypes: true })
            .filter((entry) => entry.isDirectory())
            .map((entry) => join(parent, entry.name))
        : [];
    })
    .filter((dir) => existsSync(join(dir, 'package.json')));
}
