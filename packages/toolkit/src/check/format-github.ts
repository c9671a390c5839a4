import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { Problem } from '../compatibility/problem.ts';
import { type CheckReport, registryFailed } from './check-report.ts';

/** GitHub Actions workflow commands: an `::error` annotation on the schema file (and line) of each finding. */
export function formatGithub(report: CheckReport, options: { root: string }): string {
  const file = (path: string) => relative(options.root, path);
  const lines: string[] = [];
  if (report.catalogError) lines.push(annotation({ title: 'Invalid schemas folder' }, report.catalogError));
  for (const subject of report.subjects) {
    for (const invalid of subject.invalid) {
      lines.push(
        annotation({ file: file(invalid.file), title: `Invalid schema ${subject.subject}` }, invalid.message),
      );
    }
    for (const problem of subject.problems) {
      const properties = {
        file: file(subject.file),
        line: String(lineOf(subject.file, problem)),
        title: `${problem.kind} in ${subject.subject} (${problem.direction} against v${problem.version})`,
      };
      lines.push(annotation(properties, `${problem.message}. Fix: ${problem.fix}`));
    }
    for (const change of subject.keyEncoding) {
      lines.push(
        annotation(
          { file: file(subject.file), title: `Key bytes change in ${subject.subject}` },
          `${change.message}. Fix: ${change.fix}`,
        ),
      );
    }
    const registry = subject.registry;
    if (registry && registryFailed(registry)) {
      const message = registry.error
        ? `registry unavailable: ${registry.error}`
        : registry.unknownVersions.length
          ? `the registry holds version(s) ${registry.unknownVersions.join(', ')} that match no schema file`
          : 'the registry refuses the newest schema';
      lines.push(annotation({ file: file(subject.file), title: `Registry: ${subject.subject}` }, message));
    }
  }
  const { stale, missing, error } = report.generated;
  for (const path of [...stale, ...missing]) {
    lines.push(
      annotation(
        { title: 'Generated types out of date' },
        `${path} is out of date: regenerate with events-generate`,
      ),
    );
  }
  if (error) lines.push(annotation({ title: 'Generated types' }, error));
  const { subjects, incompatible, invalid } = report.summary;
  lines.push(
    `${subjects} subject${subjects === 1 ? '' : 's'}, ${incompatible} incompatible, ${invalid} invalid`,
  );
  return `${lines.join('\n')}\n`;
}

/** The line declaring the problem's field, so the annotation lands on it; 1 when it cannot be found. */
function lineOf(file: string, problem: Problem): number {
  const field = problem.path
    .split(/[.[\]{}]+/)
    .filter(Boolean)
    .at(-1);
  if (!field) return 1;
  const index = readFileSync(file, 'utf8')
    .split('\n')
    .findIndex((line) => line.includes(`"name": "${field}"`) || line.includes(`"name":"${field}"`));
  return index === -1 ? 1 : index + 1;
}

function annotation(properties: Record<string, string>, message: string): string {
  const props = Object.entries(properties)
    .map(([key, value]) => `${key}=${escapeData(value).replaceAll(':', '%3A').replaceAll(',', '%2C')}`)
    .join(',');
  return `::error ${props}::${escapeData(message)}`;
}

function escapeData(text: string): string {
  return text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}
