import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';

/** git could not answer: not a repository, an unknown ref, or git missing. The message says which. */
export class GitHistoryError extends Error {
  override name = 'GitHistoryError';
}

export interface TreeEntry {
  /** Relative to the folder listed. */
  path: string;
  /** Relative to the repository root, as git commands take it. */
  repoPath: string;
  blob: string;
}

function git(cwd: string, args: readonly string[], input?: string): string {
  return gitBytes(cwd, args, input).toString('utf8');
}

function gitBytes(cwd: string, args: readonly string[], input?: string): Buffer {
  try {
    return execFileSync('git', args, {
      cwd,
      maxBuffer: 256 << 20,
      stdio: ['pipe', 'pipe', 'pipe'],
      ...(input === undefined ? {} : { input }),
    });
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim();
    throw new GitHistoryError(
      `git ${args.join(' ')} failed in ${cwd}: ${stderr || (error as Error).message}`,
      {
        cause: error,
      },
    );
  }
}

/** The commit a ref names, failing clearly for a ref that does not exist (a shallow clone, a typo). */
export function resolveCommit(dir: string, ref: string): string {
  try {
    return git(dir, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]).trim();
  } catch (error) {
    throw new GitHistoryError(
      `cannot resolve ${JSON.stringify(ref)} to a commit in ${dir} (a shallow clone must fetch it first)`,
      { cause: error },
    );
  }
}

/** Every file under `dir` at `commit`, by path relative to `dir`, with its blob id. */
export function listFilesAt(dir: string, commit: string): TreeEntry[] {
  const output = git(dir, ['ls-tree', '-r', '-z', '--full-name', commit, '--', '.']);
  const prefix = git(dir, ['rev-parse', '--show-prefix']).trim();
  return output
    .split('\0')
    .filter(Boolean)
    .map((line) => {
      const [meta = '', path = ''] = line.split('\t');
      return { path: path.slice(prefix.length), repoPath: path, blob: meta.split(' ')[2] ?? '' };
    });
}

/** The contents of several blobs with one `git cat-file --batch` process. */
export function readBlobs(dir: string, blobs: readonly string[]): Map<string, string> {
  const contents = new Map<string, string>();
  if (blobs.length === 0) return contents;
  const output = gitBytes(dir, ['cat-file', '--batch'], `${blobs.join('\n')}\n`);
  let offset = 0;
  for (const blob of blobs) {
    const headerEnd = output.indexOf(10, offset);
    const size = Number(output.subarray(offset, headerEnd).toString('utf8').split(' ')[2]);
    contents.set(blob, output.subarray(headerEnd + 1, headerEnd + 1 + size).toString('utf8'));
    offset = headerEnd + 1 + size + 1;
  }
  return contents;
}

/** git's id of a blob with this content, so unchanged files are recognised without reading them from git. */
export function blobIdOf(content: Buffer, idLength: number): string {
  const algorithm = idLength === 64 ? 'sha256' : 'sha1';
  return createHash(algorithm).update(`blob ${content.length}\0`).update(content).digest('hex');
}
