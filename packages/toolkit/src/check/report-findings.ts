import { type GovernanceFinding, type Location, type Severity, startOf } from '../governance/finding.ts';
import { type CheckReport, INTERNAL_ERROR_FIX, registryFailed, type SubjectCheck } from './check-report.ts';

/** One entry of a machine-readable output (GitHub annotations, SARIF): what, how bad, and where when known. */
export interface ReportFinding {
  /** A lint or history rule id, a compatibility problem kind, or one of the checker's own ids below. */
  ruleId: string;
  severity: Severity;
  title: string;
  message: string;
  fix?: string;
  /** Absent for findings about no one file (the generated types, an unreadable schemas folder). */
  location?: Location;
}

/** Every finding of a report in one flat list, catalog-wide ones first, then subject by subject. */
export function reportFindings(report: CheckReport): ReportFinding[] {
  const findings: ReportFinding[] = [];
  if (report.catalogError)
    findings.push({
      ruleId: 'invalid-catalog',
      severity: 'error',
      title: 'Invalid schemas folder',
      message: report.catalogError,
      ...(report.catalogErrorFile ? { location: startOf(report.catalogErrorFile) } : {}),
    });
  findings.push(...report.findings.map((finding) => fromGovernance(finding, finding.rule)));
  for (const subject of report.subjects) findings.push(...subjectFindings(subject));
  const { stale = [], missing = [], error } = report.generated ?? {};
  for (const path of [...stale, ...missing]) {
    findings.push({
      ruleId: 'generated-out-of-date',
      severity: 'error',
      title: 'Generated types out of date',
      message: `${path} is out of date`,
      fix: 'regenerate with events-generate',
    });
  }
  if (error)
    findings.push({
      ruleId: 'generated-out-of-date',
      severity: 'error',
      title: 'Generated types',
      message: error,
    });
  return findings;
}

function subjectFindings(subject: SubjectCheck): ReportFinding[] {
  const findings: ReportFinding[] = [];
  if (subject.internalError !== undefined)
    findings.push({
      ruleId: 'internal-error',
      severity: 'error',
      title: `Internal error checking ${subject.subject}`,
      message: `internal error checking ${subject.subject}: ${subject.internalError}`,
      fix: INTERNAL_ERROR_FIX,
      location: startOf(subject.file),
    });
  for (const { file, line, column, ...problem } of subject.problems) {
    const against = problem.affectedSubject
      ? `${problem.affectedSubject} v${problem.version}`
      : `v${problem.version}`;
    findings.push({
      ruleId: problem.kind,
      severity: 'error',
      title: `${problem.kind} in ${subject.subject} (${problem.direction} against ${against})`,
      message: problem.impact ? `${problem.message} (${problem.impact})` : problem.message,
      fix: problem.fix,
      location: { file, line, column },
    });
  }
  for (const { file, line, column, ...change } of subject.keyEncoding) {
    findings.push({
      ruleId: 'key-encoding-changed',
      severity: 'error',
      title: `Key bytes change in ${subject.subject} (against v${change.version})`,
      message: change.message,
      fix: change.fix,
      location: { file, line, column },
    });
  }
  findings.push(
    ...subject.lint.map((finding) => fromGovernance(finding, `${finding.rule} in ${subject.subject}`)),
  );
  const registry = subject.registry;
  if (registry && registryFailed(registry)) {
    const message = registry.error
      ? `registry unavailable: ${registry.error}`
      : registry.unknownVersions.length
        ? `the registry holds version(s) ${registry.unknownVersions.join(', ')} that match no schema file`
        : 'the registry refuses the newest schema';
    findings.push({
      ruleId: 'registry-verdict',
      severity: 'error',
      title: `Registry: ${subject.subject}`,
      message,
      location: { file: subject.file, line: 1, column: 1 },
    });
  }
  return findings;
}

function fromGovernance(finding: GovernanceFinding, title: string): ReportFinding {
  const { file, line, column } = finding;
  return {
    ruleId: finding.rule,
    severity: finding.severity,
    title,
    message: finding.message,
    fix: finding.fix,
    location: { file, line, column },
  };
}
