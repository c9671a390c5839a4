import type { CheckReport } from './check-report.ts';

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** `1 subject, 0 incompatible, 0 lint errors, 0 warnings` (plus history and registry when run, internal errors when any). */
export function summaryText(report: CheckReport): string {
  const { subjects, incompatible, lintErrors, historyErrors, warnings, registryFailures, internalErrors } =
    report.summary;
  const parts = [count(subjects, 'subject')];
  if (!report.lintOnly) parts.push(`${incompatible} incompatible`);
  parts.push(count(lintErrors, 'lint error'));
  if (report.against !== undefined) parts.push(count(historyErrors, 'history error'));
  parts.push(count(warnings, 'warning'));
  if (report.subjects.some((subject) => subject.registry))
    parts.push(`${registryFailures} failing in the registry`);
  if (internalErrors) parts.push(count(internalErrors, 'internal error'));
  return parts.join(', ');
}
