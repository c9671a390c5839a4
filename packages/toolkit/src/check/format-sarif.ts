import { relative, sep } from 'node:path';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { historyRules } from '../governance/history/judge-published-changes.ts';
import { allRules } from '../governance/lint/all-rules.ts';
import type { CheckReport } from './check-report.ts';
import { type ReportFinding, reportFindings } from './report-findings.ts';

const describedRules = new Map([...allRules, ...Object.values(historyRules)].map((rule) => [rule.id, rule]));

/** The checker's own finding ids; any other id is a compatibility problem kind. */
const checkerFindings: Record<string, string> = {
  'invalid-catalog': 'the schemas folder cannot be read',
  'generated-out-of-date': 'generated types differ from what the code generator writes',
  'registry-verdict': 'the schema registry refuses the schema or holds versions the repository lacks',
  'key-encoding-changed':
    'a key schema whose bytes differ from an earlier version: another partition, lost order',
  'internal-error': 'the checker failed on a subject, which was therefore not judged',
};

/**
 * SARIF 2.1.0, which code scanning reads (GitHub's `upload-sarif`): one run, a rule per id met, a result per
 * finding with its region. Paths are relative to `root` under the `%SRCROOT%` base.
 */
export function formatSarif(report: CheckReport, options: { root: string }): string {
  const findings = reportFindings(report);
  const ruleIds = [...new Set(findings.map((finding) => finding.ruleId))];
  const sarif: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'events-schemas-check', rules: ruleIds.map(ruleDescriptor) } },
        originalUriBaseIds: {
          '%SRCROOT%': { uri: `file://${options.root.split(sep).join('/').replace(/\/?$/, '/')}` },
        },
        results: findings.map((finding) => result(finding, ruleIds.indexOf(finding.ruleId), options.root)),
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

function ruleDescriptor(id: string): ReportingDescriptor {
  const rule = describedRules.get(id);
  if (!rule) {
    const text = checkerFindings[id] ?? "a change the subject's compatibility level does not allow";
    return { id, shortDescription: { text } };
  }
  return {
    id,
    shortDescription: { text: rule.rationale },
    help: { text: rule.fix },
    defaultConfiguration: { level: rule.severity },
  };
}

function result(finding: ReportFinding, ruleIndex: number, root: string): Result {
  const text = finding.fix
    ? `${finding.title}: ${finding.message}. Fix: ${finding.fix}`
    : `${finding.title}: ${finding.message}`;
  const location = finding.location;
  return {
    ruleId: finding.ruleId,
    ruleIndex,
    level: finding.severity,
    message: { text },
    ...(location
      ? {
          locations: [
            {
              physicalLocation: {
                artifactLocation: {
                  uri: relative(root, location.file).split(sep).join('/'),
                  uriBaseId: '%SRCROOT%',
                },
                region: { startLine: location.line, startColumn: location.column },
              },
            },
          ],
        }
      : {}),
  };
}
