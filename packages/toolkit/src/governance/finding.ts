export type Severity = 'error' | 'warning';

/** Where a finding points: 1-based line and column in the file (the .avsc, subject.json or lint.json). */
export interface Location {
  file: string;
  line: number;
  column: number;
}

/** A lint or history finding: which rule, how bad, what is wrong, how to fix it, and where. */
export interface GovernanceFinding extends Location {
  source: 'lint' | 'history';
  /** Stable id, e.g. `doc-required` or `published-version-changed`. */
  rule: string;
  severity: Severity;
  message: string;
  fix: string;
}

/** The start of a file, for findings that concern the whole file (a deleted version, an unreadable catalog file). */
export function startOf(file: string): Location {
  return { file, line: 1, column: 1 };
}
