import type { Catalog, SubjectEntry } from '../catalog/catalog.ts';
import { CatalogError } from '../catalog/catalog-error.ts';
import { loadCatalog } from '../catalog/load-catalog.ts';
import { compareSchemas } from '../compatibility/check-compatibility.ts';
import { type Finding, startOf } from '../findings/finding.ts';
import { type RuleCategory, rules } from '../findings/rules.ts';
import { checkAgainstRef } from '../governance/history/check-against-ref.ts';
import { type LintConfig, loadLintConfig } from '../governance/lint/lint-config.ts';
import { lintNewestVersion, locateSubjectFindings } from '../governance/subject-governance.ts';
import type { RegistryOptions } from '../registry/registry-options.ts';
import { checkGeneratedFiles } from './check-generated-files.ts';
import { CHECK_REPORT_FORMAT, type CheckReport, registryFailed, type SubjectCheck } from './check-report.ts';
import { keyEncodingChanges } from './key-encoding.ts';
import { fetchRegistryVerdict } from './registry-verdict.ts';
import { schemaNodesOf } from './schema-nodes.ts';
import { sharedTypeImpact } from './shared-type-impact.ts';
import { explainUnionEvents } from './union-events.ts';

export interface RunSchemasCheckOptions {
  /** The catalog folder (its lint settings: `lint.json` in it). */
  schemasDir: string;
  /** When set, the generated code there must be what the catalog generates. */
  generatedDir?: string;
  /** When set, the registry's verdicts are added beside ours. */
  registry?: RegistryOptions;
  /** A git ref whose published catalog files must be unchanged in the working tree. */
  against?: string;
  /** Lint only: no compatibility, keys, generated files or registry. */
  lintOnly?: boolean;
}

/**
 * Every subject's newest schema against its history under its level and the lint rules, plus shared types,
 * keys, generated files and, with `against`, what that git ref published. Throws GitHistoryError for a bad ref.
 */
export async function runSchemasCheck({
  schemasDir,
  generatedDir,
  registry,
  against,
  lintOnly = false,
}: RunSchemasCheckOptions): Promise<CheckReport> {
  let catalog: Catalog;
  try {
    catalog = loadCatalog(schemasDir);
  } catch (error) {
    const file = error instanceof CatalogError ? { catalogErrorFile: error.file } : {};
    return summarize({ catalogError: (error as Error).message, ...file, subjects: [], findings: [] });
  }
  const lint = loadLintConfig(schemasDir);
  if (lintOnly) {
    const subjects = catalog.subjects.map((entry) => guarded(entry, () => lintSubject(entry, lint.config)));
    return summarize({ subjects, findings: lint.findings, lintOnly });
  }
  const history = against === undefined ? [] : checkAgainstRef({ schemasDir, ref: against });
  const subjects = catalog.subjects.map((entry) =>
    guarded(entry, () => checkSubject(catalog, entry, lint.config)),
  );
  if (registry) {
    const verdicts = await Promise.all(
      catalog.subjects.map((entry) => fetchRegistryVerdict(registry, entry)),
    );
    verdicts.forEach((verdict, index) => {
      const subject = subjects[index];
      if (subject) subject.registry = verdict;
    });
  }
  return summarize({
    subjects,
    ...(generatedDir === undefined ? {} : { generated: checkGeneratedFiles(generatedDir, catalog) }),
    ...(against === undefined ? {} : { against }),
    findings: [...lint.findings, ...history],
  });
}

function lintSubject(entry: SubjectEntry, lintConfig: LintConfig): SubjectCheck {
  return { ...unjudged(entry), findings: lintNewestVersion(entry, lintConfig) };
}

function unjudged(entry: SubjectEntry): SubjectCheck {
  const newest = entry.versions.at(-1);
  return {
    subject: entry.subject,
    role: entry.role,
    topic: entry.topic,
    level: entry.compatibility,
    version: newest?.version ?? 0,
    file: newest?.file ?? entry.dir,
    findings: [],
  };
}

/**
 * A catalog that loads is checked to the end: a check that throws on one subject (a bug of the checker, or two
 * versions Java's SchemaCompatibility cannot judge either) is reported on that subject, failing the run,
 * instead of ending the run with no report at all.
 */
function guarded(entry: SubjectEntry, check: () => SubjectCheck): SubjectCheck {
  try {
    return check();
  } catch (error) {
    return { ...unjudged(entry), internalError: (error as Error).message };
  }
}

function checkSubject(catalog: Catalog, entry: SubjectEntry, lintConfig: LintConfig): SubjectCheck {
  const base = lintSubject(entry, lintConfig);
  const schemas = schemaNodesOf(entry);
  const candidate = schemas.at(-1);
  if (!candidate) return base;
  const own = compareSchemas(candidate, schemas.slice(0, -1), entry.compatibility).findings;
  const compatibility = [
    ...(entry.role === 'value' ? explainUnionEvents(own) : own),
    ...sharedTypeImpact(catalog, entry),
  ];
  const keyBytes = entry.role === 'key' ? keyEncodingChanges(schemas) : [];
  return {
    ...base,
    findings: [
      ...locateSubjectFindings(catalog, entry, compatibility),
      ...keyBytes.map((finding) => ({ ...finding, location: startOf(base.file) })),
      ...base.findings,
    ],
  };
}

function summarize(report: Omit<CheckReport, 'formatVersion' | 'summary' | 'ok'>): CheckReport {
  const findings: Finding[] = [...report.subjects.flatMap((subject) => subject.findings), ...report.findings];
  const errors = (category: RuleCategory) =>
    findings.filter((finding) => categoryOf(finding) === category && finding.severity === 'error').length;
  const internalErrors = report.subjects.filter((subject) => subject.internalError !== undefined).length;
  const summary = {
    subjects: report.subjects.length,
    incompatible: report.subjects.filter((subject) =>
      subject.findings.some((finding) => categoryOf(finding) === 'compatibility'),
    ).length,
    registryFailures: report.subjects.filter((subject) => registryFailed(subject.registry)).length,
    lintErrors: errors('lint'),
    historyErrors: errors('history'),
    warnings: findings.filter((finding) => finding.severity === 'warning').length,
    ...(internalErrors > 0 && { internalErrors }),
  };
  const { stale = [], missing = [], error } = report.generated ?? {};
  const ok =
    report.catalogError === undefined &&
    internalErrors === 0 &&
    summary.incompatible + summary.registryFailures === 0 &&
    summary.lintErrors + summary.historyErrors === 0 &&
    stale.length + missing.length === 0 &&
    error === undefined;
  return { formatVersion: CHECK_REPORT_FORMAT, ...report, summary, ok };
}

const categoryOf = (finding: Finding): RuleCategory => rules[finding.ruleId].category;
