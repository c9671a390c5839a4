import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CheckReport } from '@events/toolkit/build';
import { describe, expect, it } from 'vitest';
import { contractsDir } from '../helpers.ts';
import { copyArgs, copyContracts, copyWithNewField, schemasCheck, subjectDir } from './contracts-copy.ts';

/** A copy whose new v3 adds `nick` without a default to user_register: the breaking change CI must catch. */
const copyWithBreakingChange = () => copyWithNewField({ name: 'nick', type: 'string', doc: 'Nickname.' });

describe('events-schemas-check on this catalog', () => {
  it('passes on the repository as committed', () => {
    const run = schemasCheck(copyArgs(contractsDir));
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^OK {3}user_register-value v\d+ \(FULL_TRANSITIVE\)$/m);
    expect(run.stdout).toMatch(/^OK {3}generated types up to date$/m);
    expect(run.stdout).toMatch(/^1 subject, 0 incompatible, 0 lint errors, 0 warnings$/m);
    expect(run.status).toBe(0);
  });

  it('fails a field added without a default to user_register, explaining it against each version', () => {
    const run = schemasCheck([...copyArgs(copyWithBreakingChange())]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('FAIL user_register-value v3 (FULL_TRANSITIVE)');
    expect(run.stdout).toContain(
      'error field-added-without-default v3 ← v1 (BACKWARD): field `nick` was added without a default: ' +
        'consumers on the new schema cannot read ' +
        'events written with v1',
    );
    expect(run.stdout).toContain('v3 ← v2 (BACKWARD)');
    expect(run.stdout).toContain('fix: give it a default, or make it `["null","string"]` with default null');
    expect(run.stdout).toMatch(/^1 subject, 1 incompatible, 0 lint errors, 0 warnings$/m);
  });

  it('carries the finding with its rule id, path and versions in --format json (format version 2)', () => {
    const run = schemasCheck([...copyArgs(copyWithBreakingChange()), '--format', 'json']);
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout) as CheckReport;
    expect(report.ok).toBe(false);
    expect(report.formatVersion).toBe(2);
    expect(report.summary).toEqual({
      subjects: 1,
      incompatible: 1,
      registryFailures: 0,
      lintErrors: 0,
      historyErrors: 0,
      warnings: 0,
    });
    expect(report.subjects[0]?.findings).toContainEqual(
      expect.objectContaining({
        ruleId: 'field-added-without-default',
        compatibility: expect.objectContaining({ version: 1, direction: 'BACKWARD', path: 'nick' }),
      }),
    );
    // The new v3 also makes the committed generated types stale.
    expect(report.generated?.stale.length).toBeGreaterThan(0);
  });

  it('prints GitHub annotations pointing at the line of the field in the new schema file', () => {
    const dir = copyWithBreakingChange();
    const run = schemasCheck([...copyArgs(dir), '--format', 'github']);
    expect(run.status).toBe(1);
    const annotation = run.stdout.split('\n').find((line) => line.includes('field-added-without-default'));
    expect(annotation).toMatch(
      /^::error file=.*user_register-value\/v3\.avsc,line=\d+,col=7,title=field-added-without-default in user_register-value/,
    );
    const line = Number(/line=(\d+)/.exec(annotation ?? '')?.[1]);
    const lines = readFileSync(join(subjectDir(dir), 'v3.avsc'), 'utf8').split('\n');
    expect(lines[line - 1]).toContain('"name": "nick"');
  });

  it('reports an invalid schema file as an unusable catalog, naming the file and what is wrong', () => {
    const dir = copyContracts();
    copyFileSync(
      join(import.meta.dirname, 'fixtures', 'invalid-default.avsc'),
      join(subjectDir(dir), 'v3.avsc'),
    );
    const run = schemasCheck([...copyArgs(dir)]);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(
      /^FAIL schemas: .*user_register-value\/v3\.avsc: not a valid Avro schema: invalid default for field age of events\.user\.UserRegister: "unknown" does not fit `int`/m,
    );
  });

  it('tells the user to regenerate when generated types are stale', () => {
    const dir = copyWithNewField({ name: 'nick', type: ['null', 'string'], default: null, doc: 'Nickname.' });
    const run = schemasCheck([...copyArgs(dir)]);
    expect(run.stdout).toContain('OK   user_register-value v3 (FULL_TRANSITIVE)');
    expect(run.stdout).toMatch(
      /FAIL generated types out of date: .*\(stale\).* — regenerate with events-generate/,
    );
    expect(run.status).toBe(1);
  });

  it('rejects an unknown format with usage', () => {
    const run = schemasCheck(['--format', 'xml']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Unknown --format "xml"');
  });
});
