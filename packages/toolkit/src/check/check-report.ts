import type { SubjectRole } from '../catalog/catalog.ts';
import type { CompatibilityLevel } from '../catalog/compatibility-level.ts';
import type { Problem } from '../compatibility/problem.ts';

export interface InvalidSchemaFile {
  version: number;
  file: string;
  message: string;
}

export interface RegistryVerdict {
  /** False when the subject is not in the registry yet (any first version is accepted). */
  registered: boolean;
  /** The subject's level in the registry, which the registry enforces. */
  level?: string;
  /** Registry versions whose schema matches no file in the repository. */
  unknownVersions: number[];
  /** The registry's verdict on the newest schema; undefined when not asked (not registered, or an error). */
  compatible?: boolean;
  /** Set when the registry could not be asked. */
  error?: string;
  /** Why the registry gave no verdict although it was reachable. */
  note?: string;
}

/** A key schema change that changes the key's bytes (and so partitioning and per-key order). */
export interface KeyEncodingChange {
  /** The earlier version the newest key schema encodes differently from. */
  version: number;
  message: string;
  fix: string;
}

export interface SubjectCheck {
  subject: string;
  role: SubjectRole;
  topic: string | undefined;
  level: CompatibilityLevel;
  /** The newest version, the candidate checked against the earlier ones. */
  version: number;
  file: string;
  invalid: InvalidSchemaFile[];
  /** Incompatibilities of this subject's own history, then (for a shared type) those of each subject using it. */
  problems: Problem[];
  /** Key subjects: breaking ordering regardless of the level. */
  keyEncoding: KeyEncodingChange[];
  registry?: RegistryVerdict;
}

export interface GeneratedCheck {
  /** Files in the generated folder whose content differs from what events-generate writes. */
  stale: string[];
  missing: string[];
  error?: string;
}

export interface CheckReport {
  /** Set when the schemas folder itself cannot be read (bad subject.json, misnamed files). */
  catalogError?: string;
  subjects: SubjectCheck[];
  generated: GeneratedCheck;
  summary: { subjects: number; incompatible: number; invalid: number; registryFailures: number };
  ok: boolean;
}

export function registryFailed(verdict: RegistryVerdict | undefined): boolean {
  if (!verdict) return false;
  return verdict.error !== undefined || verdict.unknownVersions.length > 0 || verdict.compatible === false;
}
