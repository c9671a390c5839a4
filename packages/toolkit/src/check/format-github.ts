import { relative } from 'node:path';
import type { CheckReport } from './check-report.ts';
import { reportFindings, titleOf } from './report-findings.ts';
import { summaryText } from './summary-text.ts';

/** GitHub Actions workflow commands: an `::error` or `::warning` annotation on the line and column of each finding. */
export function formatGithub(report: CheckReport, options: { root: string }): string {
  const lines = reportFindings(report).map((entry) => {
    const { finding } = entry;
    const where = finding.location
      ? {
          file: relative(options.root, finding.location.file),
          line: String(finding.location.line),
          col: String(finding.location.column),
        }
      : {};
    const message = finding.fix ? `${finding.message}. Fix: ${finding.fix}` : finding.message;
    return annotation(finding.severity, { ...where, title: titleOf(entry) }, message);
  });
  lines.push(summaryText(report));
  return `${lines.join('\n')}\n`;
}

function annotation(severity: string, properties: Record<string, string>, message: string): string {
  const props = Object.entries(properties)
    .map(([key, value]) => `${key}=${escapeData(value).replaceAll(':', '%3A').replaceAll(',', '%2C')}`)
    .join(',');
  return `::${severity} ${props}::${escapeData(message)}`;
}

function escapeData(text: string): string {
  return text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}
