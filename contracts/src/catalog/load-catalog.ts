import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CompatibilityLevel, compatibilityLevels, isCompatibilityLevel } from './compatibility-level.ts';

export interface SchemaVersion {
  version: number;
  file: string;
  /** The parsed .avsc JSON. */
  schema: unknown;
}

export interface SubjectEntry {
  subject: string;
  topic: string;
  compatibility: CompatibilityLevel;
  key: { type: string; doc: string };
  dir: string;
  /** Oldest first; the last one is the newest. */
  versions: SchemaVersion[];
}

export class CatalogError extends Error {
  override name = 'CatalogError';
  readonly file: string;

  constructor(message: string, file: string) {
    super(`${file}: ${message}`);
    this.file = file;
  }
}

const VERSION_FILE = /^v([1-9][0-9]*)\.avsc$/;

/** Reads `schemas/<subject>/{subject.json,vN.avsc}`; throws CatalogError naming the offending file. */
export function loadCatalog(schemasDir: string): SubjectEntry[] {
  return readdirSync(schemasDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => loadSubject(join(schemasDir, entry.name), entry.name))
    .sort((a, b) => a.subject.localeCompare(b.subject));
}

function loadSubject(dir: string, subject: string): SubjectEntry {
  const configFile = join(dir, 'subject.json');
  const config = readJson(configFile);
  if (typeof config !== 'object' || config === null)
    throw new CatalogError('must be a JSON object', configFile);
  const { topic, compatibility, key } = config as Record<string, unknown>;
  if (typeof topic !== 'string' || topic === '')
    throw new CatalogError('"topic" must be a non-empty string', configFile);
  if (!isCompatibilityLevel(compatibility)) {
    throw new CatalogError(`"compatibility" must be one of ${compatibilityLevels.join(', ')}`, configFile);
  }
  if (typeof key !== 'object' || key === null || typeof (key as { type?: unknown }).type !== 'string') {
    throw new CatalogError('"key" must be an object with a "type" and a "doc"', configFile);
  }
  const versions = readdirSync(dir)
    .filter((name) => name.endsWith('.avsc'))
    .map((name) => {
      const match = VERSION_FILE.exec(name);
      if (!match) throw new CatalogError('schema files must be named v1.avsc, v2.avsc, ...', join(dir, name));
      const file = join(dir, name);
      return { version: Number(match[1]), file, schema: readJson(file) };
    })
    .sort((a, b) => a.version - b.version);
  if (versions.length === 0) throw new CatalogError('no v1.avsc found', dir);
  versions.forEach((v, index) => {
    if (v.version !== index + 1) throw new CatalogError(`version files must be v1..vN without gaps`, v.file);
  });
  const { type, doc } = key as { type: string; doc?: unknown };
  return {
    subject,
    topic,
    compatibility,
    key: { type, doc: typeof doc === 'string' ? doc : '' },
    dir,
    versions,
  };
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CatalogError(`not valid JSON (${(error as Error).message})`, file);
  }
}
