import { relative } from 'node:path';
import { styleText } from 'node:util';
import type { Problem } from '../compatibility/problem.ts';
import type { CheckReport, RegistryVerdict, SubjectCheck } from './check-report.ts';

type Style = Parameters<typeof styleText>[0];

/** Per subject OK or each problem with its fix, then generated files and a summary line; colour only on a TTY. */
export function formatHuman(
  report: CheckReport,
  options: { cwd: string; stream: NodeJS.WriteStream },
): string {
  const paint = (style: Style, text: string) => styleText(style, text, { stream: options.stream });
  const lines: string[] = [];
  if (report.catalogError) lines.push(`${paint('red', 'FAIL')} schemas: ${report.catalogError}`);
  for (const subject of report.subjects) lines.push(...formatSubject(subject, paint, options.cwd));
  lines.push(...formatGenerated(report, paint, options.cwd));
  const { subjects, incompatible, invalid, registryFailures } = report.summary;
  const summary = [
    `${subjects} subject${subjects === 1 ? '' : 's'}`,
    `${incompatible} incompatible`,
    `${invalid} invalid`,
  ];
  if (report.subjects.some((subject) => subject.registry))
    summary.push(`${registryFailures} failing in the registry`);
  lines.push('', paint(report.ok ? 'green' : 'red', summary.join(', ')));
  return `${lines.join('\n')}\n`;
}

function formatSubject(
  subject: SubjectCheck,
  paint: (style: Style, text: string) => string,
  cwd: string,
): string[] {
  const failed = subject.invalid.length + subject.problems.length + subject.keyEncoding.length > 0;
  const head = `${failed ? paint('red', 'FAIL') : paint('green', 'OK  ')} ${paint('bold', subject.subject)} v${subject.version} (${subject.level})`;
  const lines = [head];
  for (const invalid of subject.invalid) {
    lines.push(`  ${paint('red', 'invalid')} ${relative(cwd, invalid.file)}: ${invalid.message}`);
  }
  for (const problem of subject.problems) {
    const where = problem.affectedSubject
      ? `${problem.affectedSubject} v${problem.version} (${problem.direction})`
      : arrow(subject.version, problem);
    lines.push(`  ${where}: ${problem.message}`);
    lines.push(`      ${paint('cyan', 'fix:')} ${problem.fix}`);
  }
  for (const change of subject.keyEncoding) {
    lines.push(`  ${paint('red', 'key bytes')} v${subject.version} vs v${change.version}: ${change.message}`);
    lines.push(`      ${paint('cyan', 'fix:')} ${change.fix}`);
  }
  if (subject.problems.length > 0) lines.push(`      ${paint('dim', `in ${relative(cwd, subject.file)}`)}`);
  if (subject.registry) lines.push(`  ${formatRegistry(subject.registry, failed, paint)}`);
  return lines;
}

/** `v3 ← v1 (BACKWARD)`: the arrow points from the data's writer to the reader that cannot read it. */
function arrow(candidate: number, problem: Problem): string {
  const [reader, writer] =
    problem.direction === 'BACKWARD' ? [candidate, problem.version] : [problem.version, candidate];
  return `v${reader} ← v${writer} (${problem.direction})`;
}

function formatRegistry(
  verdict: RegistryVerdict,
  oursFailed: boolean,
  paint: (style: Style, text: string) => string,
) {
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

function formatGenerated(
  report: CheckReport,
  paint: (style: Style, text: string) => string,
  cwd: string,
): string[] {
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
