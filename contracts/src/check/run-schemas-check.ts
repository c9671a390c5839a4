import { join } from 'node:path';
import { loadCatalog, type SubjectEntry } from '../catalog/load-catalog.ts';
import { compareSchemas } from '../compatibility/check-compatibility.ts';
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
}

/** Every subject's newest schema against its history under its level, plus schema validity and generated files. */
export async function runSchemasCheck({
  contractsDir,
  registry,
}: RunSchemasCheckOptions): Promise<CheckReport> {
  let catalog: SubjectEntry[];
  try {
    catalog = loadCatalog(join(contractsDir, 'schemas'));
  } catch (error) {
    return summarize({
      catalogError: (error as Error).message,
      subjects: [],
      generated: { stale: [], missing: [] },
    });
  }
  const subjects = catalog.map(checkSubject);
  if (registry) {
    const verdicts = await Promise.all(catalog.map((entry) => fetchRegistryVerdict(registry, entry)));
    verdicts.forEach((verdict, index) => {
      const subject = subjects[index];
      if (subject) subject.registry = verdict;
    });
  }
  return summarize({ subjects, generated: checkGeneratedFiles(contractsDir, catalog) });
}

function checkSubject(entry: SubjectEntry): SubjectCheck {
  const newest = entry.versions.at(-1);
  const base = {
    subject: entry.subject,
    topic: entry.topic,
    level: entry.compatibility,
    version: newest?.version ?? 0,
    file: newest?.file ?? entry.dir,
  };
  const { schemas, invalid } = parseSchemaFiles(entry);
  const candidate = schemas.at(-1);
  if (invalid.length > 0 || !candidate) return { ...base, invalid, problems: [] };
  const { problems } = compareSchemas(candidate, schemas.slice(0, -1), entry.compatibility);
  return { ...base, invalid, problems };
}

function summarize(report: Omit<CheckReport, 'summary' | 'ok'>): CheckReport {
  const summary = {
    subjects: report.subjects.length,
    incompatible: report.subjects.filter((subject) => subject.problems.length > 0).length,
    invalid: report.subjects.filter((subject) => subject.invalid.length > 0).length,
    registryFailures: report.subjects.filter((subject) => registryFailed(subject.registry)).length,
  };
  const { stale, missing, error } = report.generated;
  const ok =
    report.catalogError === undefined &&
    summary.incompatible + summary.invalid + summary.registryFailures === 0 &&
    stale.length + missing.length === 0 &&
    error === undefined;
  return { ...report, summary, ok };
}
