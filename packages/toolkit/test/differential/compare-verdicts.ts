import type { CheckReport } from '../../src/check/check-report.ts';
import type { OracleResult } from './java-oracle.ts';
import { pairKey, type SchemaPair, type VerdictQuestion } from './verdict-questions.ts';

/** What the toolkit's check made of one variant: a report, or the exception it threw. */
export type ToolkitOutcome = { report: CheckReport } | { crash: string };

export interface VerdictOutcome {
  question: VerdictQuestion;
  /** Java's verdict; a string when Java could not parse a schema. */
  java: boolean | string;
  /** The checker's verdict; a string when it crashed or refused the catalog. */
  toolkit: boolean | string;
  javaDetail: string[];
  toolkitDetail: string[];
}

export function javaVerdict(
  question: VerdictQuestion,
  results: ReadonlyMap<string, OracleResult>,
  ids: ReadonlyMap<string, string>,
): { verdict: boolean | string; detail: string[] } {
  const answer = (pair: SchemaPair) => {
    const result = results.get(ids.get(pairKey(pair)) as string);
    if (!result) throw new Error('a pair was never sent to Java');
    return result;
  };
  const detail: string[] = [];
  for (const [index, pair] of question.pairs.entries()) {
    const result = answer(pair);
    if (result.error) return { verdict: `Java error: ${result.error}`, detail: [result.error] };
    const before = question.baseline?.[index];
    const known = new Set(
      before ? (answer(before).incompatibilities ?? []).map((item) => JSON.stringify(item)) : [],
    );
    for (const item of result.incompatibilities ?? [])
      if (!known.has(JSON.stringify(item))) detail.push(`${item.type} at ${item.location}: ${item.message}`);
  }
  return { verdict: detail.length === 0, detail };
}

export function toolkitVerdict(
  question: VerdictQuestion,
  outcome: ToolkitOutcome,
): { verdict: boolean | string; detail: string[] } {
  if ('crash' in outcome) return { verdict: `check crashed: ${outcome.crash}`, detail: [outcome.crash] };
  const { report } = outcome;
  if (report.catalogError !== undefined)
    return { verdict: `catalog refused: ${report.catalogError}`, detail: [report.catalogError] };
  const owner = report.subjects.find(
    (subject) => subject.subject === (question.kind === 'own' ? question.subject : question.type),
  );
  if (!owner) return { verdict: 'subject missing from the report', detail: [] };
  const findings = owner.findings.flatMap(({ compatibility: c, message }) =>
    c &&
    (question.kind === 'own'
      ? c.sharedType === undefined
      : c.sharedType === question.type && c.affectedSubject === question.subject)
      ? [`${c.direction} v${c.version} ${c.avroType} at ${c.path || '/'}: ${message}`]
      : [],
  );
  return { verdict: findings.length === 0, detail: findings };
}

/**
 * Impact findings with no verdict question behind them: the user already pins the type's newest version (its
 * problems are its own) or, as Java resolves the catalog, does not use the type at all.
 */
export function strayImpacts(outcome: ToolkitOutcome, questions: readonly VerdictQuestion[]): string[] {
  if ('crash' in outcome) return [];
  const asked = new Set(questions.filter((q) => q.kind === 'impact').map((q) => `${q.type}|${q.subject}`));
  return outcome.report.subjects.flatMap((subject) =>
    subject.findings.flatMap(({ compatibility: c, message }) =>
      c?.sharedType !== undefined && !asked.has(`${c.sharedType}|${c.affectedSubject}`)
        ? [`${c.sharedType} → ${c.affectedSubject}: ${message}`]
        : [],
    ),
  );
}
