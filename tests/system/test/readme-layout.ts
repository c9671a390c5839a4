import { dirname, posix } from 'node:path';

/**
 * The paths a README's `## Layout` section lists: the first fenced block after the heading, one entry per
 * line that starts at column 0 (indented lines continue the previous description). An entry opens with
 * comma-separated paths (`src/main.ts, start-service.ts`); a later one without a slash sits beside the first.
 * Undefined when the README has no such section.
 */
export function layoutPaths(readme: string): string[] | undefined {
  const section = /^## Layout\n[\s\S]*?^```\n([\s\S]*?)^```/m.exec(readme);
  if (!section?.[1]) return undefined;
  return section[1]
    .split('\n')
    .filter((line) => /^\S/.test(line))
    .flatMap(entryPaths);
}

function entryPaths(line: string): string[] {
  const paths: string[] = [];
  for (const token of line.split(/\s+/)) {
    const path = token.replace(/,$/, '');
    if (!/^[\w.@-]+(\/[\w.@-]+)*\/?$/.test(path) || !/[./]/.test(path)) break;
    const first = paths[0];
    paths.push(first !== undefined && !path.includes('/') ? posix.join(dirname(first), path) : path);
    if (!token.endsWith(',')) break;
  }
  return paths;
}
