import type { Catalog, SubjectEntry } from '../catalog/catalog.ts';
import { loadCatalog } from '../catalog/load-catalog.ts';
import { compareSchemas } from '../compatibility/check-compatibility.ts';
import type { RegistryOptions } from '../registry/registry-options.ts';
import { checkGeneratedFiles } from './check-generated-files.ts';
import { type CheckReport, registryFailed, type SubjectCheck } from './check-report.ts';
import { keyEncodingChanges } from './key-encoding.ts';
import { parseSchemaFiles } from './parse-schema-files.ts';
import { fetchRegistryVerdict } from './registry-verdict.ts';
import { sharedTypeImpact } from './shared-type-impact.ts';
import { explainUnionEvents } from './union-events.ts';

export interface RunSchemasCheckOptions {
  /** The catalog folder. */
  schemasDir: string;
  /** When set, the generated code there must be what the catalog generates. */
  generatedDir?: string;
  /** When set, the registry's verdicts are added beside ours. */
  registry?: RegistryOptions;
}

/** Every subject's newest schema against its history under its level, plus shared types, keys and generated files. */
export async function runSchemasCheck({
  schemasDir,
  generatedDir,
  registry,
}: RunSchemasCheckOptions): Promise<CheckReport> {
  let catalog: Catalog;
  try {
    catalog = loadCatalog(schemasDir);
  } catch (error) {
    return summarize({
      catalogError: (error as Error).message,
      subjects: [],
      generated: { stale: [], missing: [] },
    });
  }
  const subjects = catalog.subjects.map((entry) => checkSubject(catalog, entry));
  if (registry) {
    const verdicts = await Promise.all(
      catalog.subjects.map((entry) => fetchRegistryVerdict(registry, entry)),
    );
    verdicts.forEach((verdict, index) => {
      const subject = subjects[index];
      if (subject) subject.registry = verdict;
    });
  }
  const generated = generatedDir ? checkGeneratedFiles(generatedDir, catalog) : { stale: [], missing: [] };
  return summarize({ subjects, generated });
}

function checkSubject(catalog: Catalog, entry: SubjectEntry): SubjectCheck {
  const newest = entry.versions.at(-1);
  const base = {
    subject: entry.subject,
    role: entry.role,
    topic: entry.topic,
    level: entry.compatibility,
    version: newest?.version ?? 0,
    file: newest?.file ?? entry.dir,
    keyEncoding: [],
  };
  const { schemas, invalid } = parseSchemaFiles(entry);
  const candidate = schemas.at(-1);
  if (invalid.length > 0 || !candidate) return { ...base, invalid, problems: [] };
  const own = compareSchemas(candidate, schemas.slice(0, -1), entry.compatibility).problems;
  return {
    ...base,
    invalid,
    problems: [
      ...(entry.role === 'value' ? explainUnionEvents(own) : own),
      ...sharedTypeImpact(catalog, entry),
    ],
    keyEncoding: entry.role === 'key' ? keyEncodingChanges(schemas) : [],
  };
}

function summarize(report: Omit<CheckReport, 'summary' | 'ok'>): CheckReport {
  const summary = {
    subjects: report.subjects.length,
    incompatible: report.subjects.filter((s) => s.problems.length + s.keyEncoding.length > 0).length,
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
