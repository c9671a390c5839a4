import type { SubjectRole } from '../catalog/catalog.ts';
import type { CompatibilityLevel } from '../compatibility-level.ts';
import type { Finding } from '../findings/finding.ts';

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

export interface SubjectCheck {
  subject: string;
  role: SubjectRole;
  topic: string | undefined;
  level: CompatibilityLevel;
  /** The newest version, the candidate checked against the earlier ones. */
  version: number;
  file: string;
  /**
   * In this order: incompatibilities of the subject's own history, then (for a shared type) those of each
   * subject using it, told in the names of the services they hurt; key byte changes (key subjects, whatever
   * the level); lint findings of the newest version (published history is not re-linted). Each placed in the
   * newest file.
   */
  findings: Finding[];
  registry?: RegistryVerdict;
  /** Set when checking this subject failed (a bug in the checker): the subject was not judged. */
  internalError?: string;
}

export interface GeneratedCheck {
  /** Files in the generated folder whose content differs from what events-generate writes. */
  stale: string[];
  missing: string[];
  error?: string;
}

/** The `--format json` output. Version 2: one Finding type and kebab-case rule ids (findings/rules.ts). */
export interface CheckReport {
  formatVersion: typeof CHECK_REPORT_FORMAT;
  /** Set when the schemas folder itself cannot be read (bad subject.json, misnamed files). */
  catalogError?: string;
  /** The file the catalog error is about. */
  catalogErrorFile?: string;
  subjects: SubjectCheck[];
  /** Absent when only linting. */
  generated?: GeneratedCheck;
  /** Set by `--lint-only`: compatibility, keys, generated files and the registry were not checked. */
  lintOnly?: true;
  /** The git ref the published files were checked against (`--against`). */
  against?: string;
  /** Findings about the catalog as a whole: lint.json problems and changes to what `against` published. */
  findings: Finding[];
  summary: {
    subjects: number;
    incompatible: number;
    registryFailures: number;
    /** Lint and history findings of severity error, and all warnings (which do not fail the check). */
    lintErrors: number;
    historyErrors: number;
    warnings: number;
    /** Subjects whose check failed (a bug in the checker); present only when some did. */
    internalErrors?: number;
  };
  ok: boolean;
}

export const CHECK_REPORT_FORMAT = 2;

/** What a reader of an internal error can do: the subject was not judged. */
export const INTERNAL_ERROR_FIX =
  'the checker could not judge this subject (the message says why): unless the message names a mistake in the catalog, report it to the toolkit maintainers with the catalog';

export function registryFailed(verdict: RegistryVerdict | undefined): boolean {
  if (!verdict) return false;
  return verdict.error !== undefined || verdict.unknownVersions.length > 0 || verdict.compatible === false;
}
