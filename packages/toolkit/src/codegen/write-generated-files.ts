import { existsSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, normalize } from 'node:path';
import {
  GENERATED_HEADER,
  type GeneratedFile,
  type ImportExtension,
  importExtensions,
} from './render-generated-files.ts';

/** The list of files events-generate wrote in the output folder: the only files it replaces or deletes. */
export const MANIFEST = '.events-generated.json';

interface Manifest {
  generatedBy: string;
  /** Recorded so that a check of the folder can render it the same way. */
  importExtension: ImportExtension;
  files: string[];
}

/** The output folder holds a file events-generate did not write, or a manifest it cannot trust. */
export class GeneratedFolderError extends Error {
  override name = 'GeneratedFolderError';
  readonly file: string;

  constructor(file: string, message: string) {
    super(`${file}: ${message}`);
    this.file = file;
  }
}

export interface WriteResult {
  /** Relative to the output folder, as in the manifest. */
  written: string[];
  removed: string[];
}

/**
 * Writes `files` into `outDir` and records them in its manifest. Replaces only a file the previous manifest lists
 * or that starts with the generated header; deletes only files the previous manifest lists that this run no
 * longer produces. Anything else in the folder is left alone; a file in the way is refused before anything is
 * written, with its path.
 */
export function writeGeneratedFiles(
  outDir: string,
  files: readonly GeneratedFile[],
  importExtension: ImportExtension,
): WriteResult {
  const previous = new Set(readGeneratedManifest(outDir).files);
  const changed = files.filter((file) => readIfExists(join(outDir, file.path)) !== file.content);
  for (const file of changed) {
    const path = join(outDir, file.path);
    const ours =
      isFile(path) && (previous.has(file.path) || readFileSync(path, 'utf8').startsWith(GENERATED_HEADER));
    if (existsSync(path) && !ours) {
      throw new GeneratedFolderError(
        path,
        `exists and was not written by events-generate (it is not in ${MANIFEST} and has no generated header): move it, or generate into another folder`,
      );
    }
  }
  for (const file of changed) {
    const path = join(outDir, file.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.content);
  }
  const wanted = new Set(files.map((file) => file.path));
  const removed = [...previous].filter((path) => !wanted.has(path) && isFile(join(outDir, path)));
  for (const path of removed) unlinkSync(join(outDir, path));
  const manifest: Manifest = {
    generatedBy: '@events/toolkit events-generate: it replaces and deletes only the files listed here',
    importExtension,
    files: [...wanted].sort(),
  };
  const text = `${JSON.stringify(manifest, null, 2)}\n`;
  if (readIfExists(join(outDir, MANIFEST)) !== text) writeFileSync(join(outDir, MANIFEST), text);
  return { written: changed.map((file) => file.path), removed };
}

/**
 * What the previous run wrote, and with which import extension (so that a check renders the folder the same
 * way); no files and the default extension when the folder has no manifest yet.
 */
export function readGeneratedManifest(outDir: string): Pick<Manifest, 'files' | 'importExtension'> {
  const path = join(outDir, MANIFEST);
  const text = readIfExists(path);
  if (text === undefined) return { files: [], importExtension: '.ts' };
  let manifest: Partial<Manifest>;
  try {
    manifest = JSON.parse(text) as Partial<Manifest>;
  } catch (error) {
    throw new GeneratedFolderError(
      path,
      `is not JSON (${(error as Error).message}): delete it and generate again`,
    );
  }
  const { files, importExtension } = manifest;
  // Every path is deleted when stale: one pointing outside the folder could delete anything.
  const valid = (file: unknown): file is string =>
    typeof file === 'string' &&
    !isAbsolute(file) &&
    !normalize(file)
      .split(/[\\/]/)
      .some((part) => part === '..');
  if (!Array.isArray(files) || !files.every(valid)) {
    throw new GeneratedFolderError(
      path,
      'needs "files": a list of paths inside this folder; delete it and generate again',
    );
  }
  return { files, importExtension: importExtensions.find((known) => known === importExtension) ?? '.ts' };
}

function readIfExists(path: string): string | undefined {
  return isFile(path) ? readFileSync(path, 'utf8') : undefined;
}

function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}
