import { describe, expect, it } from 'vitest';
import type { CheckReport } from './check-report.ts';
import { formatSarif } from './format-sarif.ts';

const file = '/repo/contracts/schemas/user_register-value/v3.avsc';
const report: CheckReport = {
  formatVersion: 2,
  subjects: [
    {
      subject: 'user_register-value',
      role: 'value',
      topic: 'user_register',
      level: 'FULL_TRANSITIVE',
      version: 3,
      file,
      findings: [
        {
          ruleId: 'field-added-without-default',
          severity: 'error',
          message: 'field `nick` was added without a default',
          fix: 'give it a default',
          location: { file, line: 21, column: 7 },
          compatibility: {
            version: 2,
            direction: 'BACKWARD',
            path: 'nick',
            avroType: 'READER_FIELD_MISSING_DEFAULT_VALUE',
          },
        },
        {
          ruleId: 'money-uses-decimal',
          severity: 'warning',
          message: 'field `UserRegister.balance` looks like money',
          fix: 'use a decimal',
          location: { file, line: 30, column: 34 },
        },
      ],
    },
  ],
  generated: { stale: ['src/generated/index.ts'], missing: [] },
  findings: [],
  summary: {
    subjects: 1,
    incompatible: 1,
    registryFailures: 0,
    lintErrors: 0,
    historyErrors: 0,
    warnings: 1,
  },
  ok: false,
};

describe('formatSarif', () => {
  const sarif = JSON.parse(formatSarif(report, { root: '/repo' }));
  const run = sarif.runs[0];

  it('is a SARIF 2.1.0 log with one run of the schemas-check tool', () => {
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.$schema).toMatch(/sarif-2\.1\.0/);
    expect(sarif.runs).toHaveLength(1);
    expect(run.tool.driver.name).toBe('events-schemas-check');
    expect(run.originalUriBaseIds['%SRCROOT%'].uri).toBe('file:///repo/');
  });

  it('describes each rule met once, with its summary, the lint rule rationale and default level', () => {
    expect(run.tool.driver.rules.map((rule: { id: string }) => rule.id)).toEqual([
      'field-added-without-default',
      'money-uses-decimal',
      'generated-out-of-date',
    ]);
    expect(run.tool.driver.rules[1]).toMatchObject({
      shortDescription: { text: 'amounts of money are decimals, not float or double' },
      fullDescription: { text: expect.stringMatching(/0\.10 exactly/) },
      defaultConfiguration: { level: 'warning' },
    });
    expect(run.tool.driver.rules[2]).toMatchObject({
      shortDescription: { text: 'generated types differ from what events-generate writes' },
      defaultConfiguration: { level: 'error' },
    });
  });

  it('places each result on its file, line and column relative to the source root', () => {
    expect(run.results[0]).toEqual({
      ruleId: 'field-added-without-default',
      ruleIndex: 0,
      level: 'error',
      message: {
        text: 'field-added-without-default in user_register-value (BACKWARD against v2): field `nick` was added without a default. Fix: give it a default',
      },
      locations: [
        {
          physicalLocation: {
            artifactLocation: {
              uri: 'contracts/schemas/user_register-value/v3.avsc',
              uriBaseId: '%SRCROOT%',
            },
            region: { startLine: 21, startColumn: 7 },
          },
        },
      ],
    });
    expect(run.results[1]).toMatchObject({ ruleIndex: 1, level: 'warning' });
    expect(run.results[2]).toMatchObject({ ruleId: 'generated-out-of-date', ruleIndex: 2 });
    expect(run.results[2].locations).toBeUndefined();
  });
});
