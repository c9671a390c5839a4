import { spawn } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PartName } from './part.ts';
import { pomFile, stackDir } from './paths.ts';

/**
 * Resolves a part's jars from Maven Central with `mvn` (profile = part name) into `.stack/<part>`, once.
 * Maven's local repository caches them, so a fresh clone on a warm machine only copies.
 */
export async function ensureDownloaded(
  part: Exclude<PartName, 'postgres'>,
  targetDir: string,
): Promise<void> {
  const marker = join(targetDir, '.complete');
  if (existsSync(marker)) return;
  console.log(`  ${part}: fetching from Maven Central (first run only) ...`);
  let count = 0;
  let bytes = 0;
  const code = await new Promise<number>((resolve, reject) => {
    const mvn = spawn('mvn', ['-B', '-f', pomFile, '-P', part, `-Dstack.dir=${stackDir}`], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let tail = '';
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      tail = (tail + text).slice(-4000);
      for (const match of text.matchAll(/Downloaded from \S+: \S+ \(([\d.]+) (kB|MB|B)/g)) {
        count += 1;
        bytes += Number(match[1]) * (match[2] === 'MB' ? 1e6 : match[2] === 'kB' ? 1e3 : 1);
        if (count % 20 === 0 || match[2] === 'MB') {
          console.log(`  ${part}: downloaded ${count} files, ${(bytes / 1e6).toFixed(1)} MB`);
        }
      }
    };
    mvn.stdout.on('data', onData);
    mvn.stderr.on('data', onData);
    mvn.on('error', (error) =>
      reject(
        new Error(
          `${part}: could not run Maven (mvn), which fetches the jars from Maven Central: ${error.message}`,
        ),
      ),
    );
    mvn.on('close', (status) => {
      if (status !== 0) console.error(tail);
      resolve(status ?? 1);
    });
  });
  if (code !== 0)
    throw new Error(`${part}: Maven could not resolve the jars (exit ${code}); its output is above`);
  // Maven can succeed without writing anything (a stale unpack marker once did exactly that).
  if (!existsSync(targetDir) || readdirSync(targetDir).length === 0) {
    throw new Error(`${part}: Maven reported success but left ${targetDir} empty`);
  }
  console.log(
    `  ${part}: ready (${count} files downloaded, ${(bytes / 1e6).toFixed(1)} MB; the rest came from ~/.m2)`,
  );
  writeFileSync(marker, new Date().toISOString());
}
