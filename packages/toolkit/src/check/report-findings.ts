import { type Finding, findingOf, startOf } from '../findings/finding.ts';
import { type CheckReport, INTERNAL_ERROR_FIX, registryFailed, type SubjectCheck } from './check-report.ts';

/** A finding as a flat list shows it: with the subject it was found in, if any. */
export interface ReportEntry {
  subject?: string;
  finding: Finding;
}

/**
 * Every finding of a report in one flat list (GitHub annotations, SARIF): catalog-wide ones first, then subject
 * by subject, with the checker's own states (unreadable folder, internal error, registry, generated files) as
 * findings of their ids.
 */
export function reportFindings(report: CheckReport): ReportEntry[] {
  const entries: ReportEntry[] = [];
  if (report.catalogError) {
    const location = report.catalogErrorFile ? { location: startOf(report.catalogErrorFile) } : {};
    entries.push({ finding: findingOf('invalid-catalog', { message: report.catalogError, ...location }) });
  }
  entries.push(...report.findings.map((finding) => ({ finding })));
  for (const subject of report.subjects) entries.push(...subjectFindings(subject));
  const { stale = [], missing = [], error } = report.generated ?? {};
  for (const path of [...stale, ...missing]) {
    const message = `${path} is out of date`;
    entries.push({
      finding: findingOf('generated-out-of-date', { message, fix: 'regenerate with events-generate' }),
    });
  }
  if (error) entries.push({ finding: findingOf('generated-out-of-date', { message: error }) });
  return entries;
}

/** `field-added-without-default in users-value (BACKWARD against v1)`: what an annotation's title says. */
export function titleOf({ subject, finding }: ReportEntry): string {
  const details = finding.compatibility;
  const against = details?.affectedSubject
    ? `${details.affectedSubject} v${details.version}`
    : `v${details?.version}`;
  return [
    finding.ruleId,
    subject === undefined ? '' : ` in ${subject}`,
    details ? ` (${details.direction} against ${against})` : '',
  ].join('');
}

function subjectFindings(subject: SubjectCheck): ReportEntry[] {
  const findings: Finding[] = [];
  const location = startOf(subject.file);
  if (subject.internalError !== undefined) {
    const message = `internal error checking ${subject.subject}: ${subject.internalError}`;
    findings.push(findingOf('internal-error', { message, fix: INTERNAL_ERROR_FIX, location }));
  }
  findings.push(...subject.findings);
  const registry = subject.registry;
  if (registry && registryFailed(registry)) {
    const message = registry.error
      ? `registry unavailable: ${registry.error}`
      : registry.unknownVersions.length
        ? `the registry holds version(s) ${registry.unknownVersions.join(', ')} that match no schema file`
        : 'the registry refuses the newest schema';
    findings.push(findingOf('registry-verdict', { message, location }));
  }
  return findings.map((finding) => ({ subject: subject.subject, finding }));
}
