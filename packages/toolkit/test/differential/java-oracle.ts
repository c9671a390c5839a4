import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { findJava } from '@events/test-kit/find-java';
import { scratchDir } from '@events/test-kit/scratch-dir';

/** A schema as Confluent's AvroSchema parses it: referenced schemas first (depth first, each once), then itself. */
export type ResolvedSchema = string[];

export type OracleJob =
  | { kind: 'compat'; id: string; reader: ResolvedSchema; writer: ResolvedSchema }
  | {
      kind: 'values';
      id: string;
      writer: ResolvedSchema;
      reader: ResolvedSchema;
      seed: number;
      count: number;
    };

export interface Incompatibility {
  type: string;
  location: string;
  message: string;
}

/** One value: the bytes the writer wrote, and what GenericDatumReader(writer, reader) returned (mapped to JSON). */
export interface OracleValue {
  hex: string;
  read?: unknown;
  readError?: string;
  writeError?: string;
}

export interface OracleResult {
  id: string;
  /** A schema Java could not parse, or a job that failed. */
  error?: string;
  /** compat */
  result?: 'COMPATIBLE' | 'INCOMPATIBLE' | 'RECURSION_IN_PROGRESS';
  incompatibilities?: Incompatibility[];
  /** values: SchemaCompatibility's verdict on the pair; values only when compatible. */
  compatible?: boolean;
  values?: OracleValue[];
}

const projectDir = join(import.meta.dirname, '..', 'java-oracle');
const targetDir = join(projectDir, 'target');
/** Where the differential tests write every disagreement they found (git-ignored, with the oracle's build). */
export const reportsDir = join(targetDir, 'reports');
const stampFile = join(targetDir, 'oracle.stamp');
const classpathFile = join(targetDir, 'classpath.txt');

interface Built {
  java: string;
  classpath: string;
}

let built: Promise<Built> | undefined;

/**
 * Compiles the Java oracle with Maven once per change of its pom or sources (a stamp in its git-ignored
 * target/ folder says which build is there), and runs its jobs in one JVM.
 */
export async function runJavaOracle(jobs: readonly OracleJob[]): Promise<Map<string, OracleResult>> {
  built ??= buildOracle();
  const { java, classpath } = await built;
  const input = join(scratchDir('java-oracle-'), 'jobs.json');
  writeFileSync(input, JSON.stringify({ jobs }));
  const started = performance.now();
  const lines = await runProcess(java, ['-XX:+UseSerialGC', '-cp', classpath, 'events.oracle.Main', input], {
    collectStdout: true,
  });
  const results = new Map<string, OracleResult>();
  for (const line of lines) {
    if (line.trim() === '') continue;
    const result = JSON.parse(line) as OracleResult;
    results.set(result.id, result);
  }
  if (results.size !== jobs.length)
    throw new Error(`java-oracle answered ${results.size} of ${jobs.length} jobs`);
  console.info(`java-oracle: ${jobs.length} jobs in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return results;
}

async function buildOracle(): Promise<Built> {
  const java = findJava();
  const stamp = sourceStamp(java);
  const classes = join(targetDir, 'classes');
  if (!(existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp && existsSync(classpathFile))) {
    console.info('java-oracle: building with Maven (Avro from Maven Central on the first run) ...');
    const started = performance.now();
    await runProcess(
      'mvn',
      ['-B', '-f', join(projectDir, 'pom.xml'), 'compile', 'dependency:build-classpath'],
      {
        env: javaHomeOf(java),
        progress: mavenProgress(),
      },
    );
    writeFileSync(stampFile, stamp);
    console.info(`java-oracle: built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  return { java, classpath: [classes, readFileSync(classpathFile, 'utf8').trim()].join(':') };
}

/** The pom, every source file and the JDK: a change of any of them rebuilds. */
function sourceStamp(java: string): string {
  const hash = createHash('sha256').update(java);
  const files = [join(projectDir, 'pom.xml'), ...listFiles(join(projectDir, 'src'))].sort();
  for (const file of files) hash.update(file).update(readFileSync(file));
  return hash.digest('hex');
}

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

/** Maven compiles with the JDK the oracle runs on. */
function javaHomeOf(java: string): NodeJS.ProcessEnv {
  if (!java.includes('/')) return process.env;
  return { ...process.env, JAVA_HOME: dirname(dirname(java)) };
}

/** Prints a line per 20 downloads (a first run fetches Avro and Maven's plugins) instead of Maven's log. */
function mavenProgress(): (text: string) => void {
  let count = 0;
  return (text) => {
    for (const _ of text.matchAll(/Downloaded from \S+: \S+/g)) {
      count += 1;
      if (count % 20 === 0) console.info(`java-oracle: Maven downloaded ${count} files`);
    }
  };
}

interface RunOptions {
  env?: NodeJS.ProcessEnv;
  collectStdout?: boolean;
  progress?: (text: string) => void;
}

/** Runs a command; its stderr lines that say `java-oracle:` are progress, the rest is kept for the error. */
function runProcess(command: string, args: string[], options: RunOptions): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stdout: Buffer[] = [];
    let tail = '';
    let partial = '';
    const onOutput = (chunk: Buffer) => {
      const text = chunk.toString();
      tail = (tail + text).slice(-6000);
      options.progress?.(text);
      const lines = (partial + text).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) if (line.startsWith('java-oracle:')) console.info(line);
    };
    child.stdout.on('data', (chunk: Buffer) =>
      options.collectStdout ? stdout.push(chunk) : onOutput(chunk),
    );
    child.stderr.on('data', onOutput);
    child.on('error', (error) => reject(new Error(`could not run ${command}: ${error.message}`)));
    child.on('close', (code) => {
      if (code !== 0) {
        reject(new Error(`${command} ${args.slice(-2).join(' ')} exited with ${code}:\n${tail}`));
        return;
      }
      resolve(Buffer.concat(stdout).toString('utf8').split('\n'));
    });
  });
}
