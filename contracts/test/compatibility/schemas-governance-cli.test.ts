import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CheckReport } from '@events/toolkit/build';
import { describe, expect, it } from 'vitest';
import { copyArgs, copyContracts, copyWithNewField, schemasCheck, subjectDir } from './contracts-copy.ts';

/** A copy whose new v3 adds a snake_case field without a doc: compatible, but against two lint rules. */
const copyWithLintProblems = () =>
  copyWithNewField({ name: 'last_login', type: ['null', 'string'], default: null });

/** The copy as a git repository with everything committed, as a pull request's base would be. */
function commitAll(dir: string): void {
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', ...args], { cwd: dir });
  git('init', '--quiet');
  git('add', '-A');
  git('commit', '--quiet', '-m', 'base');
}

describe('events-schemas-check governance on this catalog (lint, --against, positions, SARIF)', () => {
  it('lints alone, each finding at file:line:col, without compatibility or generated files', () => {
    const dir = copyWithLintProblems();
    const run = schemasCheck([...copyArgs(dir), '--lint-only']);
    expect(run.status).toBe(1);
    const lines = readFileSync(join(subjectDir(dir), 'v3.avsc'), 'utf8').split('\n');
    const line = lines.findIndex((text) => text.includes('"name": "last_login"')) + 1;
    expect(run.stdout).toContain(
      `v3.avsc:${line}:7 error doc-required: field \`UserRegister.last_login\` has no doc`,
    );
    expect(run.stdout).toContain(`v3.avsc:${line}:7 error field-name-camel-case`);
    expect(run.stdout).not.toContain('generated types');
    expect(run.stdout).toMatch(/^1 subject, 2 lint errors, 0 warnings$/m);
  });

  it('puts lint findings in --format json and github with their line and column', () => {
    const dir = copyWithLintProblems();
    const report = JSON.parse(schemasCheck([...copyArgs(dir), '--format', 'json']).stdout) as CheckReport;
    expect(report.subjects[0]?.findings).toContainEqual(
      expect.objectContaining({
        ruleId: 'doc-required',
        severity: 'error',
        location: expect.objectContaining({ line: expect.any(Number), column: 7 }),
      }),
    );
    const github = schemasCheck([...copyArgs(dir), '--format', 'github']).stdout;
    expect(github).toMatch(
      /^::error file=.*v3\.avsc,line=\d+,col=7,title=doc-required in user_register-value::field `UserRegister\.last_login` has no doc\. Fix: /m,
    );
  });

  it('writes SARIF 2.1.0 with a result per finding', () => {
    const run = schemasCheck([...copyArgs(copyWithLintProblems()), '--format', 'sarif']);
    const sarif = JSON.parse(run.stdout);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results.map((result: { ruleId: string }) => result.ruleId)).toEqual(
      expect.arrayContaining(['doc-required', 'field-name-camel-case']),
    );
  });

  it('fails an edit to a version published at --against, and passes the untouched catalog', () => {
    const dir = copyContracts();
    commitAll(dir);
    expect(schemasCheck([...copyArgs(dir), '--against', 'HEAD']).stdout).toContain(
      'OK   published schemas unchanged since HEAD',
    );
    const v1 = join(subjectDir(dir), 'v1.avsc');
    writeFileSync(v1, readFileSync(v1, 'utf8').replace('"Id of the new user."', '"The user id."'));
    const run = schemasCheck([...copyArgs(dir), '--against', 'HEAD']);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(
      /v1\.avsc:\d+:\d+ error published-version-changed: schemas\/user_register-value\/v1\.avsc is published at HEAD and was edited: fields\[0\]\.doc: "Id of the new user\." → "The user id\."/,
    );
  });

  it('annotates a subject.json the catalog cannot read on that file', () => {
    const dir = copyContracts();
    writeFileSync(join(subjectDir(dir), 'subject.json'), '{ "doc": "no level" }\n');
    const run = schemasCheck([...copyArgs(dir), '--format', 'github']);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(
      /^::error file=.*user_register-value\/subject\.json,line=1,col=1,title=invalid-catalog::.*subject\.json: compatibility: /m,
    );
  });

  it('exits 2 naming a ref that does not exist', () => {
    const dir = copyContracts();
    commitAll(dir);
    const run = schemasCheck([...copyArgs(dir), '--against', 'no-such-ref']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--against no-such-ref: cannot resolve "no-such-ref" to a commit/);
  });
});
