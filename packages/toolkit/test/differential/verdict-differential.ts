import { runSchemasCheck } from '../../src/check/run-schemas-check.ts';
import type { CatalogWorkspace } from './catalog-files.ts';
import {
  javaVerdict,
  strayImpacts,
  type ToolkitOutcome,
  toolkitVerdict,
  type VerdictOutcome,
} from './compare-verdicts.ts';
import { type Disagreement, normalizeMessage } from './disagreements.ts';
import { type OracleJob, runJavaOracle } from './java-oracle.ts';
import type { Variant } from './mutations.ts';
import { pairKey, type VerdictQuestion, verdictQuestions } from './verdict-questions.ts';

export interface VerdictReport {
  variants: number;
  /** Variants whose schemas both Java and the toolkit refuse: nothing to compare. */
  refusedByBoth: string[];
  compared: number;
  /** Verdicts on the changed subject itself or on a user of it (the rest are the unchanged catalog's). */
  touched: number;
  agreeing: number;
  compatible: number;
  incompatible: number;
  /** Distinct reader/writer pairs asked of Java. */
  javaPairs: number;
  disagreements: Disagreement[];
}

interface Checked {
  variant: Variant;
  outcome: ToolkitOutcome;
  questions: VerdictQuestion[];
}

/**
 * The toolkit's check (`runSchemasCheck` on the variant's folder) and Java's SchemaCompatibility (one JVM for every
 * variant) on every verdict of every variant: each subject's history, each shared type's impact on its users.
 */
export async function compareVerdicts(
  variants: readonly Variant[],
  workspace: CatalogWorkspace,
): Promise<VerdictReport> {
  const checked: Checked[] = [];
  for (const variant of variants) checked.push(await checkVariant(variant, workspace));

  const ids = new Map<string, string>();
  const jobs: OracleJob[] = [];
  for (const { questions } of checked)
    for (const question of questions)
      for (const pair of [...question.pairs, ...(question.baseline ?? [])]) {
        const key = pairKey(pair);
        if (ids.has(key)) continue;
        const id = `c${jobs.length}`;
        ids.set(key, id);
        jobs.push({ kind: 'compat', id, ...pair });
      }
  const results = await runJavaOracle(jobs);

  const report: VerdictReport = {
    variants: variants.length,
    refusedByBoth: [],
    compared: 0,
    touched: 0,
    agreeing: 0,
    compatible: 0,
    incompatible: 0,
    javaPairs: jobs.length,
    disagreements: [],
  };
  for (const { variant, outcome, questions } of checked) {
    const outcomes: VerdictOutcome[] = questions.map((question) => {
      const java = javaVerdict(question, results, ids);
      const toolkit = toolkitVerdict(question, outcome);
      return {
        question,
        java: java.verdict,
        toolkit: toolkit.verdict,
        javaDetail: java.detail,
        toolkitDetail: toolkit.detail,
      };
    });
    const javaRefuses = outcomes.some((o) => typeof o.java === 'string');
    const toolkitRefuses = 'report' in outcome && outcome.report.catalogError !== undefined;
    if (javaRefuses && toolkitRefuses) {
      report.refusedByBoth.push(variant.id);
      continue;
    }
    // A catalog the check refused or crashed on is one finding, not one per verdict.
    let reported = false;
    for (const o of outcomes) {
      report.compared += 1;
      const touched = o.question.subject === variant.subject || o.question.type === variant.subject;
      if (touched) report.touched += 1;
      if (o.java === o.toolkit) {
        report.agreeing += 1;
        if (o.java === true) report.compatible += 1;
        if (o.java === false) report.incompatible += 1;
        continue;
      }
      if (typeof o.toolkit === 'string' && reported) continue;
      reported ||= typeof o.toolkit === 'string';
      report.disagreements.push(verdictDisagreement(variant, o, touched));
    }
    for (const stray of strayImpacts(outcome, questions))
      report.disagreements.push({
        class: `impact reported on a user the type's newest version does not change (it pins it already, or does not use the type): ${variant.kind}`,
        example: `${variant.id}\n${stray}`,
      });
  }
  return report;
}

async function checkVariant(variant: Variant, workspace: CatalogWorkspace): Promise<Checked> {
  workspace.apply(variant.catalog);
  let outcome: ToolkitOutcome;
  try {
    outcome = { report: await runSchemasCheck({ schemasDir: workspace.dir }) };
  } catch (error) {
    outcome = { crash: `${(error as Error).name}: ${(error as Error).message}` };
  } finally {
    workspace.reset();
  }
  return { variant, outcome, questions: verdictQuestions(variant.catalog) };
}

function verdictDisagreement(variant: Variant, o: VerdictOutcome, touched: boolean): Disagreement {
  const { question } = o;
  const what =
    question.kind === 'own' ? `${question.subject}'s own history` : `${question.type} in ${question.subject}`;
  const say = (verdict: boolean | string, detail: string[]) =>
    typeof verdict === 'string'
      ? verdict
      : verdict
        ? 'compatible'
        : `incompatible (${detail.slice(0, 2).join('; ')})`;
  const example = [
    `${variant.id} — ${what} under ${question.level}`,
    `Java: ${say(o.java, o.javaDetail)}`,
    `toolkit: ${say(o.toolkit, o.toolkitDetail)}`,
  ].join('\n');
  if (typeof o.toolkit === 'string') return { class: normalizeMessage(o.toolkit), example };
  if (typeof o.java === 'string')
    return { class: `Java refuses a schema the toolkit accepts: ${variant.kind}`, example };
  const verdicts = o.java ? 'Java compatible, toolkit incompatible' : 'Java incompatible, toolkit compatible';
  const where = question.kind === 'own' ? 'own history' : 'shared-type impact';
  return { class: `${verdicts} (${where}${touched ? '' : ', unchanged subject'}): ${variant.kind}`, example };
}
