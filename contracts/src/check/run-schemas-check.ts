import { join } from 'node:path';
import { CatalogError, loadCatalog, type SubjectEntry } from '../catalog/load-catalog.ts';
import { compareSchemas } from '../compatibility/check-compatibility.ts';
import type { GovernanceFinding } from '../governance/finding.ts';
import { checkAgainstRef } from '../governance/history/check-against-ref.ts';
import { type LintConfig, loadLintConfig } from '../governance/lint/lint-config.ts';
import { lintNewestVersion, locateSubjectProblems } from '../governance/subject-governance.ts';
import type { RegistryOptions } from '../registry/registry-options.ts';
import { checkGeneratedFiles } from './check-generated-files.ts';
import { type CheckReport, registryFailed, type SubjectCheck } from './check-report.ts';
import { parseSchemaFiles } from './parse-schema-files.ts';
import { fetchRegistryVerdict } from './registry-verdict.ts';

export interface RunSchemasCheckOptions {
  /** The contracts package folder (holds schemas/ and src/generated/). */
  contractsDir: string;
  /** When set, the registry's verdicts are added beside ours. */
  registry?: RegistryOptions;
  /** A git ref whose published schema files must be unchanged in the working tree. */
  against?: string;
  /** Lint only: no compatibility, generated files or registry. */
  lintOnly?: boolean;
}

/**
 * Every subject's newest schema against its history under its level and the lint rules, plus schema validity,
 * generated files and, with `against`, what that git ref published. Throws GitHistoryError for a bad ref.
 */
export async function runSchemasCheck({
  contractsDir,
  registry,
  against,
  lintOnly = false,
}: RunSchemasCheckOptions): Promise<CheckReport> {
  const schemasDir = join(contractsDir, 'schemas');
  let catalog: SubjectEntry[];
  try {
    catalog = loadCatalog(schemasDir);
  } catch (error) {
    const file = error instanceof CatalogError ? { catalogErrorFile: error.file } : {};
    return summarize({ catalogError: (error as Error).message, ...file, subjects: [], findings: [] });
  }
  const lint = loadLintConfig(schemasDir);
  const subjects = catalog.map((entry) => checkSubject(entry, lint.config, lintOnly));
  if (lintOnly) return summarize({ subjects, findings: lint.findings, lintOnly });
  const history = against === undefined ? [] : checkAgainstRef({ schemasDir, ref: against });
  if (registry) {
    const verdicts = await Promise.all(catalog.map((entry) => fetchRegistryVerdict(registry, entry)));
    verdicts.forEach((verdict, index) => {
      const subject = subjects[index];
      if (subject) subject.registry = verdict;
    });
  }
  return summarize({
    subjects,
    generated: checkGeneratedFiles(contractsDir, catalog),
    ...(against === undefined ? {} : { against }),
    findings: [...lint.findings, ...history],
  });
}

function checkSubject(entry: SubjectEntry, lintConfig: LintConfig, lintOnly: boolean): SubjectCheck {
  const newest = entry.versions.at(-1);
  const base = {
    subject: entry.subject,
    topic: entry.topic,
    level: entry.compatibility,
    version: newest?.version ?? 0,
    file: newest?.file ?? entry.dir,
    lint: lintNewestVersion(entry, lintConfig),
  };
  if (lintOnly) return { ...base, invalid: [], problems: [] };
  const { schemas, invalid } = parseSchemaFiles(entry);
  const candidate = schemas.at(-1);
  if (invalid.length > 0 || !candidate) return { ...base, invalid, problems: [] };
  const { problems } = compareSchemas(candidate, schemas.slice(0, -1), entry.compatibility);
  return { ...base, invalid, problems: locateSubjectProblems(entry, problems) };
}

function summarize(report: Omit<CheckReport, 'summary' | 'ok'>): CheckReport {
  const governance: GovernanceFinding[] = [
    ...report.subjects.flatMap((subject) => subject.lint),
    ...report.findings,
  ];
  const errors = (source: GovernanceFinding['source']) =>
    governance.filter((finding) => finding.source === source && finding.severity === 'error').length;
  const summary = {
    subjects: report.subjects.length,
    incompatible: report.subjects.filter((subject) => subject.problems.length > 0).length,
    invalid: report.subjects.filter((subject) => subject.invalid.length > 0).length,
    registryFailures: report.subjects.filter((subject) => registryFailed(subject.registry)).length,
    lintErrors: errors('lint'),
    historyErrors: errors('history'),
    warnings: governance.filter((finding) => finding.severity === 'warning').length,
  };
  const { stale = [], missing = [], error } = report.generated ?? {};
  const ok =
    report.catalogError === undefined &&
    summary.incompatible + summary.invalid + summary.registryFailures === 0 &&
    summary.lintErrors + summary.historyErrors === 0 &&
    stale.length + missing.length === 0 &&
    error === undefined;
  return { ...report, summary, ok };
}
