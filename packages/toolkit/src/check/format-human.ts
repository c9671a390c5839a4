import { relative } from 'node:path';
import { styleText } from 'node:util';
import { type CompatibilityDetails, type Finding, type Location, startOf } from '../findings/finding.ts';
import { type RuleCategory, rules } from '../findings/rules.ts';
import {
  type CheckReport,
  INTERNAL_ERROR_FIX,
  type RegistryVerdict,
  type SubjectCheck,
} from './check-report.ts';
import { summaryText } from './summary-text.ts';

type Style = Parameters<typeof styleText>[0];
type Paint = (style: Style, text: string) => string;
type Where = (location: Location) => string;

/**
 * Per subject OK or each finding at its `file:line:col` with its fix, then catalog-wide findings, generated
 * files and a summary line; colour only on a TTY.
 */
export function formatHuman(
  report: CheckReport,
  options: { cwd: string; stream: NodeJS.WriteStream },
): string {
  const paint: Paint = (style, text) => styleText(style, text, { stream: options.stream });
  const where: Where = (location) =>
    paint('dim', `${relative(options.cwd, location.file)}:${location.line}:${location.column}`);
  const lines: string[] = [];
  if (report.catalogError) lines.push(`${paint('red', 'FAIL')} schemas: ${report.catalogError}`);
  for (const subject of report.subjects) lines.push(...formatSubject(subject, paint, where));
  lines.push(...formatCatalogFindings(report, paint, where));
  lines.push(...formatGenerated(report, paint, options.cwd));
  lines.push('', paint(report.ok ? 'green' : 'red', summaryText(report)));
  return `${lines.join('\n')}\n`;
}

function formatSubject(subject: SubjectCheck, paint: Paint, where: Where): string[] {
  const failed =
    subject.findings.some((finding) => finding.severity === 'error') || subject.internalError !== undefined;
  const head = `${failed ? paint('red', 'FAIL') : paint('green', 'OK  ')} ${paint('bold', subject.subject)} v${subject.version} (${subject.level})`;
  const lines = [head];
  if (subject.internalError !== undefined) {
    lines.push(
      `  ${where(startOf(subject.file))} ${paint('red', 'error')} internal-error: ${subject.internalError}`,
      `      ${paint('cyan', 'fix:')} ${INTERNAL_ERROR_FIX}`,
    );
  }
  for (const finding of subject.findings)
    lines.push(...formatFinding(finding, paint, where, subject.version));
  if (subject.registry) lines.push(`  ${formatRegistry(subject.registry, failed, paint)}`);
  return lines;
}

/**
 * `file:line:col error <rule id>: message`, a compatibility finding's versions before its message (`v3 ← v1
 * (BACKWARD)`), then whom it hurts and the fix.
 */
function formatFinding(finding: Finding, paint: Paint, where: Where, candidate?: number) {
  const severity = finding.severity === 'error' ? paint('red', 'error') : paint('yellow', 'warning');
  const at = finding.location ? `${where(finding.location)} ` : '';
  const details = finding.compatibility;
  const versions = details && candidate !== undefined ? ` ${against(details, candidate)}` : '';
  const lines = [`  ${at}${severity} ${finding.ruleId}${versions}: ${finding.message}`];
  if (details?.impact) lines.push(`      ${paint('yellow', 'hurts:')} ${details.impact}`);
  if (finding.fix) lines.push(`      ${paint('cyan', 'fix:')} ${finding.fix}`);
  return lines;
}

/** lint.json problems, then what changed since the `--against` ref (or that nothing did). */
function formatCatalogFindings(report: CheckReport, paint: Paint, where: Where) {
  const lines: string[] = [];
  const config = report.findings.filter((finding) => categoryOf(finding) === 'lint');
  if (config.length > 0) lines.push(`${paint('red', 'FAIL')} lint configuration`);
  for (const finding of config) lines.push(...formatFinding(finding, paint, where));
  if (report.against === undefined) return lines;
  const history = report.findings.filter((finding) => categoryOf(finding) === 'history');
  const failed = history.some((finding) => finding.severity === 'error');
  const head = history.length === 0 ? 'published schemas unchanged' : 'changes to published schemas';
  lines.push(`${failed ? paint('red', 'FAIL') : paint('green', 'OK  ')} ${head} since ${report.against}`);
  for (const finding of history) lines.push(...formatFinding(finding, paint, where));
  return lines;
}

const categoryOf = (finding: Finding): RuleCategory => rules[finding.ruleId].category;

/**
 * `v3 ← v1 (BACKWARD)`: the arrow points from the data's writer to the reader that cannot read it; for a shared
 * type's finding, the version of the subject it breaks.
 */
function against(details: CompatibilityDetails, candidate: number): string {
  if (details.affectedSubject) return `${details.affectedSubject} v${details.version} (${details.direction})`;
  const [reader, writer] =
    details.direction === 'BACKWARD' ? [candidate, details.version] : [details.version, candidate];
  return `v${reader} ← v${writer} (${details.direction})`;
}

function formatRegistry(verdict: RegistryVerdict, oursFailed: boolean, paint: Paint) {
  if (verdict.error) return `${paint('red', 'registry: unavailable')} (${verdict.error})`;
  if (!verdict.registered) return `registry: subject not registered yet (any first version is accepted)`;
  const parts = [`registry (${verdict.level}):`];
  if (verdict.compatible !== undefined) {
    const text = verdict.compatible ? 'compatible' : 'incompatible';
    const agrees = verdict.compatible === !oursFailed;
    parts.push(
      paint(verdict.compatible ? 'green' : 'red', text),
      agrees ? '(agrees)' : paint('yellow', '(differs from ours)'),
    );
  }
  if (verdict.note) parts.push(paint('yellow', verdict.note));
  if (verdict.unknownVersions.length > 0) {
    parts.push(
      paint('red', `holds version(s) ${verdict.unknownVersions.join(', ')} that match no file here`),
      '— someone registered outside the repository: add them as vN.avsc or delete them from the registry',
    );
  }
  return parts.join(' ');
}

function formatGenerated(report: CheckReport, paint: Paint, cwd: string): string[] {
  if (!report.generated) return [];
  const { stale, missing, error } = report.generated;
  if (error) return [`${paint('red', 'FAIL')} generated types: cannot render (${error})`];
  if (stale.length + missing.length === 0)
    return report.catalogError ? [] : [`${paint('green', 'OK  ')} generated types up to date`];
  const files = [
    ...stale.map((file) => `${relative(cwd, file)} (stale)`),
    ...missing.map((file) => `${relative(cwd, file)} (missing)`),
  ];
  return [
    `${paint('red', 'FAIL')} generated types out of date: ${files.join(', ')} — regenerate with events-generate`,
  ];
}
