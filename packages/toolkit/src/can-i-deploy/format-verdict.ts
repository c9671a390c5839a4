import { relative } from 'node:path';
import { renderTable } from '../deployments/render-table.ts';
import type { Refusal, Verdict } from './verdict.ts';

export function formatHuman(verdict: Verdict, cwd: string): string {
  const { service, version, commit } = verdict.candidate;
  const title = `${verdict.ok ? 'YES' : 'NO'}: ${service} ${version}${commit ? ` (${commit.slice(0, 10)})` : ''} ${verdict.ok ? 'can' : 'cannot'} be deployed`;
  const table =
    verdict.checks.length === 0
      ? 'Nothing deployed or registered to check against.\n'
      : renderTable(
          ['topic', 'candidate', 'against', 'event type', 'result'],
          verdict.checks.map((check) => [
            check.topic,
            check.candidateRole,
            check.against,
            check.subjectOf,
            check.outcome,
          ]),
        );
  const refusals = verdict.refusals.map((refusal) => {
    const where = refusal.location
      ? `${relative(cwd, refusal.location.file)}:${refusal.location.line}:${refusal.location.column} `
      : '';
    return `  ${where}${refusal.topic}${refusal.path ? ` \`${refusal.path}\`` : ''} breaks ${refusal.against}: ${refusal.message}\n      fix: ${refusal.fix}`;
  });
  const notes = verdict.notes.map((note) => `  note: ${note}`);
  return [title, '', table, ...(refusals.length ? ['Refused:', ...refusals, ''] : []), ...notes]
    .join('\n')
    .trimEnd()
    .concat('\n');
}

/** GitHub workflow commands: each refusal an error annotation on the candidate's `.avsc` line. */
export function formatGithub(verdict: Verdict, root: string): string {
  const lines = verdict.refusals.map(
    (refusal) =>
      `::error ${properties(refusal, root)}::${escapeData(`${refusal.message} (fix: ${refusal.fix})`)}`,
  );
  for (const note of verdict.notes) lines.push(`::notice title=can-i-deploy::${escapeData(note)}`);
  lines.push(
    `${verdict.ok ? 'can-i-deploy: yes' : `can-i-deploy: no (${verdict.refusals.length} refusals)`}`,
  );
  return `${lines.join('\n')}\n`;
}

function properties(refusal: Refusal, root: string): string {
  const title = `title=can-i-deploy ${refusal.rule}: ${refusal.topic} breaks ${refusal.against}`;
  if (!refusal.location) return escapeProperty(title);
  const { file, line, column } = refusal.location;
  return `file=${escapeProperty(relative(root, file))},line=${line},col=${column},${escapeProperty(title)}`;
}

function escapeData(text: string): string {
  return text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C');
}
