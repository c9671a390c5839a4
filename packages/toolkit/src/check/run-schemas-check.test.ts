import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CheckReport } from './check-report.ts';
import { formatGithub } from './format-github.ts';
import { formatHuman } from './format-human.ts';
import { formatSarif } from './format-sarif.ts';
import { runSchemasCheck } from './run-schemas-check.ts';

const fixtures = join(import.meta.dirname, '../../test/fixtures');
const check = (folder: string) => runSchemasCheck({ schemasDir: join(fixtures, folder) });

/** Each subject's findings in short: compatibility as `direction version path id (affected subject)`, others by id. */
function outcome(report: CheckReport) {
  return Object.fromEntries(
    report.subjects.map((subject) => [
      subject.subject,
      [
        ...subject.findings.map(({ ruleId, severity, compatibility: c }) =>
          c
            ? `${c.direction} v${c.version} ${c.path} ${ruleId}${c.affectedSubject ? ` (${c.affectedSubject})` : ''}`
            : `${severity} ${ruleId}`,
        ),
        ...(subject.internalError === undefined ? [] : ['internal error']),
      ],
    ]),
  );
}

describe('runSchemasCheck on the minimal catalogs of issue 21 (test/fixtures/repros)', () => {
  it('A: a user that meets a shared type’s nested enum before the type itself is compatible, as Java says', async () => {
    const report = await check('repros/A-duplicate-name-crash');
    expect(outcome(report)).toEqual({ 'x.Currency': [], 'x.Money': [], 't-value': [] });
    expect(report.ok).toBe(true);
  });

  it('B: a newer shared type that drops a nested type its user still uses is compatible, as Java says', async () => {
    const report = await check('repros/B-undefined-name-crash');
    expect(outcome(report)).toEqual({ 'x.Currency': [], 'x.Money': [], 't-value': [] });
    expect(report.ok).toBe(true);
  });

  it('C: an enum that keeps its default may lose a symbol: no finding on the enum or its users', async () => {
    const report = await check('repros/C-enum-default-lost');
    expect(outcome(report)).toEqual({ 'x.Currency': [], 't-value': [] });
    expect(report.ok).toBe(true);
  });

  it('D: two string fields of the key swapped change the key bytes', async () => {
    const report = await check('repros/D-key-fields-swapped');
    expect(outcome(report)).toEqual({ 't-key': ['error key-encoding-changed'], 't-value': [] });
    expect(report.subjects[0]?.findings[0]?.message).toMatch(
      /^the key schema encodes differently from v1 \(`paymentId` moved from position 2 to 1\)/,
    );
    expect(report.ok).toBe(false);
  });

  it('E: a union default of a later branch loads, as the registry takes it, with a warning on what avsc cannot do', async () => {
    const report = await check('repros/E-union-default-second-branch');
    expect(report.catalogError).toBeUndefined();
    // The catalog's own style rule (optional fields default to null) still applies to the field.
    expect(outcome(report)).toEqual({
      't-value': ['error optional-null-default', 'warning union-default-first-branch'],
    });
    expect(report.subjects[0]?.findings[1]?.message).toMatch(
      /field `Event.channel` defaults to "post", which is not its first branch `null`: the registry \(Avro 1\.12\) accepts it, but/,
    );
  });

  it('F: union members pinning two versions of one type resolve it as the registry does, at the first pin', async () => {
    const report = await check('repros/F-conflicting-pins');
    // t-value's own history is compatible (both versions read x.Money v1); the only finding is what x.Money v2
    // would do to it: Java's SchemaCompatibility agrees on that resolved candidate (x.Money v2 in place).
    expect(outcome(report)).toEqual({
      'x.Money': ['BACKWARD v2 price.scale field-added-without-default (t-value)'],
      'x.A': [],
      'x.B': [],
      't-value': [],
    });
  });
});

describe('runSchemasCheck blames a shared type for what its change causes, and only that', () => {
  it('resolves the newest version of the type as the registry would for the user: its new pins come along', async () => {
    // x.Money v2 only re-pins x.Currency to v2, which lost GBP; pinning x.Money v2 brings that x.Currency to
    // t-value as Confluent resolves references (x.Money's come first), so both types are blamed.
    const report = await check('shared-type-repins');
    expect(outcome(report)).toEqual({
      'x.Currency': ['BACKWARD v1 price.currency missing-enum-symbol (t-value)'],
      'x.Money': ['BACKWARD v1 price.currency missing-enum-symbol (t-value)'],
      't-value': [],
    });
  });

  it('leaves a user broken by its own change to that user, not to the shared types it uses', async () => {
    const report = await check('shared-type-blame');
    expect(outcome(report)).toEqual({
      'x.Money': [],
      't-value': ['BACKWARD v1 quantity type-mismatch', 'BACKWARD v2 quantity type-mismatch'],
    });
  });
});

describe('runSchemasCheck on a catalog it cannot judge', () => {
  const folder = 'check-fails/ambiguous-alias';
  const reason = 'reader field "merged" matches several fields of record x.Event through its aliases';

  it('reports the subject as an internal error and fails, instead of throwing', async () => {
    const report = await check(folder);
    expect(report.subjects.map((s) => [s.subject, s.internalError])).toEqual([['t-value', reason]]);
    expect(report.summary.internalErrors).toBe(1);
    expect(report.ok).toBe(false);
  });

  it('says so in every output format, naming the subject', async () => {
    const report = await check(folder);
    const root = join(fixtures, folder);
    const human = formatHuman(report, { cwd: root, stream: process.stdout });
    expect(human).toContain(`t-value/v2.avsc:1:1 error internal-error: ${reason}`);
    expect(human).toMatch(/1 internal error$/m);
    expect(formatGithub(report, { root })).toContain(
      `::error file=t-value/v2.avsc,line=1,col=1,title=internal-error in t-value::internal error checking t-value: ${reason}`,
    );
    const sarif = JSON.parse(formatSarif(report, { root }));
    expect(sarif.runs[0].results).toEqual([
      expect.objectContaining({ ruleId: 'internal-error', level: 'error' }),
    ]);
    expect(JSON.parse(JSON.stringify(report)).subjects[0].internalError).toBe(reason);
  });
});
