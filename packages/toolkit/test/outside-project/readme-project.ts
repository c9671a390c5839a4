import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const readme = join(import.meta.dirname, '..', '..', 'README.md');
const SECTION = '## Getting started in your own repository';
/** A line `// path/of/file.ext` opens a file in a code block of the section. */
const FILE_MARKER = /^\/\/ ([\w.@/-]+\.(?:json|avsc|ts))$/;

/** The files the README's getting-started section shows, by path, exactly as written there. */
export function gettingStartedFiles(): Map<string, string> {
  const text = readFileSync(readme, 'utf8');
  const start = text.indexOf(`\n${SECTION}\n`);
  if (start < 0) throw new Error(`README.md has no "${SECTION}" section`);
  const end = text.indexOf('\n## ', start + SECTION.length + 2);
  const section = text.slice(start, end < 0 ? undefined : end);
  const files = new Map<string, string>();
  for (const block of section.matchAll(/^```\w*\n([\s\S]*?)^```$/gm)) {
    let path: string | undefined;
    for (const line of (block[1] as string).split('\n')) {
      const marker = FILE_MARKER.exec(line);
      if (marker) {
        path = marker[1] as string;
        files.set(path, '');
      } else if (path !== undefined) files.set(path, `${files.get(path)}${line}\n`);
    }
  }
  return files;
}

/**
 * The README's topic names and `acme` namespaces with `suffix` added, so that each run registers subjects and
 * creates topics of its own on the shared registry and broker.
 */
export function withUniqueNames(text: string, suffix: string): string {
  return text
    .replace(/\b(orders|payments)(?=-key|-value|-acme|['"])/g, `$1_${suffix}`)
    .replace(/\bacme\./g, `acme${suffix}.`);
}

/** Writes the README's files into `dir`, names made unique; returns their paths. */
export function writeGettingStartedProject(dir: string, suffix: string): string[] {
  const paths: string[] = [];
  for (const [path, content] of gettingStartedFiles()) {
    const unique = withUniqueNames(path, suffix);
    mkdirSync(dirname(join(dir, unique)), { recursive: true });
    writeFileSync(join(dir, unique), withUniqueNames(content, suffix));
    paths.push(unique);
  }
  return paths;
}
