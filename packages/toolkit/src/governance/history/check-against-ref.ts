import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../../findings/finding.ts';
import { blobIdOf, listFilesAt, readBlobs, resolveCommit } from './git.ts';
import { judgePublishedChanges, type PublishedChange } from './judge-published-changes.ts';

/**
 * Every schema version, the references a version pins (`vN.references.json`) and subject declarations, at any
 * depth of the schemas folder, and the topic declarations.
 */
const PUBLISHED = /^topics\.json$|(^|\/)(subject\.json|[^/]+\.avsc|v[1-9][0-9]*\.references\.json)$/;

/**
 * Compares the schemas folder with what `ref` published (`git ls-tree`, one `git cat-file --batch`): files whose
 * blob id matches the working tree are skipped unread. Throws GitHistoryError for an unknown ref.
 */
export function checkAgainstRef({ schemasDir, ref }: { schemasDir: string; ref: string }): Finding[] {
  const commit = resolveCommit(schemasDir, ref);
  const differing: Array<{ path: string; repoPath: string; blob: string; after: string | undefined }> = [];
  for (const { path, repoPath, blob } of listFilesAt(schemasDir, commit)) {
    if (!PUBLISHED.test(path)) continue;
    const file = join(schemasDir, path);
    if (!existsSync(file)) {
      differing.push({ path, repoPath, blob, after: undefined });
      continue;
    }
    const content = readFileSync(file);
    if (blobIdOf(content, blob.length) !== blob)
      differing.push({ path, repoPath, blob, after: content.toString('utf8') });
  }
  const before = readBlobs(
    schemasDir,
    differing.map((entry) => entry.blob),
  );
  const changes: PublishedChange[] = differing.map(({ path, repoPath, blob, after }) => ({
    path,
    repoPath,
    before: before.get(blob) ?? '',
    after,
  }));
  return judgePublishedChanges(changes, { schemasDir, ref });
}
