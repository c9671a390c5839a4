import { relative, sep } from 'node:path';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { type RuleId, rules } from '../findings/rules.ts';
import { historyRules } from '../governance/history/judge-published-changes.ts';
import { allRules } from '../governance/lint/all-rules.ts';
import type { CheckReport } from './check-report.ts';
import { type ReportEntry, reportFindings, titleOf } from './report-findings.ts';

/** Lint and history rules say why and how to fix beside their check. */
const explainedRules = new Map([...allRules, ...Object.values(historyRules)].map((rule) => [rule.id, rule]));

/**
 * SARIF 2.1.0, which code scanning reads (GitHub's `upload-sarif`): one run, a rule per id met, a result per
 * finding with its region. Paths are relative to `root` under the `%SRCROOT%` base.
 */
export function formatSarif(report: CheckReport, options: { root: string }): string {
  const entries = reportFindings(report);
  const ruleIds = [...new Set(entries.map((entry) => entry.finding.ruleId))];
  const sarif: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'events-schemas-check', rules: ruleIds.map(ruleDescriptor) } },
        originalUriBaseIds: {
          '%SRCROOT%': { uri: `file://${options.root.split(sep).join('/').replace(/\/?$/, '/')}` },
        },
        results: entries.map((entry) => result(entry, ruleIds.indexOf(entry.finding.ruleId), options.root)),
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

function ruleDescriptor(id: RuleId): ReportingDescriptor {
  const explained = explainedRules.get(id);
  return {
    id,
    shortDescription: { text: rules[id].summary },
    ...(explained && { fullDescription: { text: explained.rationale }, help: { text: explained.fix } }),
    defaultConfiguration: { level: rules[id].severity },
  };
}

function result(entry: ReportEntry, ruleIndex: number, root: string): Result {
  const { finding } = entry;
  const text = finding.fix
    ? `${titleOf(entry)}: ${finding.message}. Fix: ${finding.fix}`
    : `${titleOf(entry)}: ${finding.message}`;
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
