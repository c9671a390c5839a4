import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@events/stack/paths';
import { describe, expect, it } from 'vitest';
import { layoutPaths } from './readme-layout.ts';

/** The root and every workspace of the root package.json (`packages/*` expanded). */
function workspaceFolders(): string[] {
  const { workspaces } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
    workspaces: string[];
  };
  const folders = workspaces.flatMap((pattern) =>
    pattern.endsWith('/*')
      ? readdirSync(join(repoRoot, pattern.slice(0, -2)), { withFileTypes: true })
          .filter((entry) => entry.isDirectory())
          .map((entry) => `${pattern.slice(0, -2)}/${entry.name}`)
      : [pattern],
  );
  return ['.', ...folders];
}

/** Folders a reader meets first: src/'s when there is one, else the workspace's own (tools, installs and output aside). */
function topFolders(workspace: string): string[] {
  const base = existsSync(join(repoRoot, workspace, 'src')) ? 'src' : '.';
  return readdirSync(join(repoRoot, workspace, base), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !/^(\.|node_modules$|dist$)/.test(entry.name))
    .map((entry) => (base === '.' ? `${entry.name}/` : `src/${entry.name}/`));
}

describe.each(workspaceFolders())('the README layout of %s', (workspace) => {
  const readme = readFileSync(join(repoRoot, workspace, 'README.md'), 'utf8');
  const listed = layoutPaths(readme) ?? [];

  it('has a layout section', () => {
    expect(listed).not.toEqual([]);
  });

  it('lists only paths that exist', () => {
    expect(listed.filter((path) => !existsSync(join(repoRoot, workspace, path)))).toEqual([]);
  });

  it.skipIf(workspace === '.')('lists every top-level folder, or something inside it', () => {
    const covered = (folder: string) =>
      listed.some((path) => path.startsWith(folder) || folder.startsWith(path));
    expect(topFolders(workspace).filter((folder) => !covered(folder))).toEqual([]);
  });

  it.runIf(workspace === '.')('lists every workspace', () => {
    const covered = (folder: string) => listed.some((path) => path.replace(/\/$/, '') === folder);
    expect(workspaceFolders().filter((folder) => folder !== '.' && !covered(folder))).toEqual([]);
  });
});

const readme = (block: string) =>
  `# x\n\n## Layout\n\nWhy it is cut this way.\n\n\`\`\`\n${block}\`\`\`\n\n## Next\n`;

describe('layoutPaths', () => {
  it('reads the paths that open each entry, not the words of its description or continuation lines', () => {
    expect(
      layoutPaths(
        readme(
          'packages/toolkit/ @events/toolkit: the generic tool\n' +
            '                  registration, compatibility checker, CLIs events-generate\n' +
            'docker-compose.yml  the same system on Docker\n',
        ),
      ),
    ).toEqual(['packages/toolkit/', 'docker-compose.yml']);
  });

  it('places a bare name after a comma beside the first path of its entry', () => {
    expect(
      layoutPaths(readme('src/main.ts, start-service.ts  entry and wiring\nrun.ts, figure.ts\n')),
    ).toEqual(['src/main.ts', 'src/start-service.ts', 'run.ts', 'figure.ts']);
  });

  it('is undefined for a README without a layout section', () => {
    expect(layoutPaths('# x\n\n```\nsrc/  code\n```\n')).toBeUndefined();
  });
});
