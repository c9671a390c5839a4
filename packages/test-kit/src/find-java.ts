import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const MIN_JAVA = 21;

/** The `java` of a JDK >= 21 for Kafka and the registry: JAVA_HOME, then `java` on PATH, then /usr/lib/jvm/*. */
export function findJava(): string {
  const candidates = [
    process.env.JAVA_HOME && join(process.env.JAVA_HOME, 'bin', 'java'),
    'java',
    ...jvmDirCandidates('/usr/lib/jvm'),
  ].filter((bin): bin is string => Boolean(bin));
  const seen: string[] = [];
  for (const bin of candidates) {
    const major = javaMajor(bin);
    if (major === undefined) continue;
    seen.push(`${bin} (${major})`);
    if (major >= MIN_JAVA) return bin;
  }
  throw new Error(
    `No JDK >= ${MIN_JAVA} found (Apicurio Registry needs Java ${MIN_JAVA}+). Looked at JAVA_HOME, java on PATH ` +
      `and /usr/lib/jvm/*; found: ${seen.join(', ') || 'none'}. Install one (e.g. Temurin 21/25) or set JAVA_HOME.`,
  );
}

function jvmDirCandidates(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .map((name) => join(root, name, 'bin', 'java'))
    .filter((bin) => existsSync(bin))
    .sort()
    .reverse();
}

function javaMajor(bin: string): number | undefined {
  const result = spawnSync(bin, ['-version'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) return undefined;
  return parseMajor(`${result.stderr}${result.stdout}`);
}

/** `java -version` prints to stderr: `openjdk version "17.0.15"` or `"1.8.0_392"`. */
export function parseMajor(versionOutput: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (!match) return undefined;
  const first = Number(match[1]);
  return first === 1 && match[2] ? Number(match[2]) : first;
}
