import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkAgainstRef } from './check-against-ref.ts';
import { GitHistoryError } from './git.ts';

const v1 = `{
  "type": "record",
  "name": "UserRegister",
  "namespace": "events.user",
  "doc": "A user registered.",
  "fields": [
    { "name": "userId", "type": "string", "doc": "Id of the new user." }
  ]
}
`;
const subjectJson = (compatibility: string) =>
  `${JSON.stringify({ topic: 'user_register', compatibility, key: { type: 'string', doc: 'id' } }, null, 2)}\n`;

const repos: string[] = [];
afterEach(() => {
  for (const dir of repos.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A git repository whose `catalog/schemas` holds one subject with v1 and v2, committed as `base`. */
function publishedCatalog() {
  const repo = mkdtempSync(join(tmpdir(), 'against-ref-'));
  repos.push(repo);
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', ...args], {
      cwd: repo,
    });
  git('init', '--quiet');
  const schemasDir = join(repo, 'catalog', 'schemas');
  const subject = join(schemasDir, 'user_register-value');
  mkdirSync(subject, { recursive: true });
  const write = (name: string, text: string) => writeFileSync(join(subject, name), text);
  write('subject.json', subjectJson('FULL_TRANSITIVE'));
  write('v1.avsc', v1);
  write('v2.avsc', v1.replace('"A user registered."', '"A user registered with user-service."'));
  git('add', '-A');
  git('commit', '--quiet', '-m', 'publish');
  git('tag', 'base');
  const check = () => checkAgainstRef({ schemasDir, ref: 'base' });
  const summary = () =>
    check().map(({ ruleId, severity, location }) => ({
      rule: ruleId,
      severity,
      line: location?.line,
      column: location?.column,
      file: location?.file.slice(schemasDir.length + 1),
    }));
  return { schemasDir, subject, write, git, check, summary };
}

describe('checkAgainstRef: what a git ref published is immutable', () => {
  it('finds nothing when nothing published changed, and allows new versions and subjects', () => {
    const catalog = publishedCatalog();
    catalog.write('v3.avsc', v1);
    mkdirSync(join(catalog.schemasDir, 'new-value'));
    writeFileSync(join(catalog.schemasDir, 'new-value', 'v1.avsc'), v1);
    expect(catalog.check()).toEqual([]);
  });

  it('ignores whitespace and key order: the JSON is the same', () => {
    const catalog = publishedCatalog();
    const reformatted = JSON.stringify(JSON.parse(v1));
    const reordered = v1.replace(
      '"type": "record",\n  "name": "UserRegister",',
      '"name": "UserRegister",\n  "type": "record",',
    );
    catalog.write('v1.avsc', `${reformatted}\n`);
    expect(catalog.check()).toEqual([]);
    catalog.write('v1.avsc', reordered);
    expect(catalog.check()).toEqual([]);
  });

  it('fails an edit to a published version, naming the file and what changed, on the changed line', () => {
    const catalog = publishedCatalog();
    catalog.write('v1.avsc', v1.replace('"Id of the new user."', '"The user id."'));
    const [finding] = catalog.check();
    expect(finding).toMatchObject({
      ruleId: 'published-version-changed',
      severity: 'error',
      location: { line: 7, column: 43 },
      message:
        'catalog/schemas/user_register-value/v1.avsc is published at base and was edited: ' +
        'fields[0].doc: "Id of the new user." → "The user id."',
      fix: 'restore it (`git checkout base -- catalog/schemas/user_register-value/v1.avsc`) and make the change in a new version file',
    });
  });

  it('fails a deleted version and, once, a deleted subject', () => {
    const catalog = publishedCatalog();
    rmSync(join(catalog.subject, 'v2.avsc'));
    expect(catalog.summary()).toEqual([
      {
        rule: 'published-version-deleted',
        severity: 'error',
        line: 1,
        column: 1,
        file: 'user_register-value/v2.avsc',
      },
    ]);
    rmSync(catalog.subject, { recursive: true });
    expect(catalog.summary()).toEqual([
      {
        rule: 'published-subject-deleted',
        severity: 'error',
        line: 1,
        column: 1,
        file: 'user_register-value/subject.json',
      },
    ]);
  });

  it('warns when the compatibility level gets looser, naming both levels, and accepts a stricter one', () => {
    const catalog = publishedCatalog();
    catalog.write('subject.json', subjectJson('BACKWARD'));
    const [finding] = catalog.check();
    expect(finding).toMatchObject({
      ruleId: 'compatibility-loosened',
      severity: 'warning',
      location: { line: 3, column: 3 },
    });
    expect(finding?.message).toBe(
      'compatibility level loosened from FULL_TRANSITIVE (at base) to BACKWARD: changes FULL_TRANSITIVE refused are now accepted',
    );
    catalog.git('commit', '--quiet', '-am', 'loosen');
    catalog.git('tag', '-f', 'base');
    catalog.write('subject.json', subjectJson('FULL'));
    expect(catalog.check()).toEqual([]);
  });

  it('protects versions nested deeper in the schemas folder, such as a shared type of its own', () => {
    const catalog = publishedCatalog();
    const shared = join(catalog.schemasDir, 'types', 'events.common.Address');
    mkdirSync(shared, { recursive: true });
    writeFileSync(join(shared, 'v1.avsc'), v1);
    catalog.git('add', '-A');
    catalog.git('commit', '--quiet', '-m', 'shared type');
    catalog.git('tag', '-f', 'base');
    rmSync(join(shared, 'v1.avsc'));
    expect(catalog.summary()).toEqual([
      {
        rule: 'published-version-deleted',
        severity: 'error',
        line: 1,
        column: 1,
        file: 'types/events.common.Address/v1.avsc',
      },
    ]);
  });

  it('treats the references a version pins as part of it', () => {
    const catalog = publishedCatalog();
    const pinned = (version: number) =>
      `${JSON.stringify([{ name: 'events.common.Address', subject: 'events.common.Address', version }], null, 2)}\n`;
    catalog.write('v2.references.json', pinned(1));
    catalog.git('add', '-A');
    catalog.git('commit', '--quiet', '-m', 'references');
    catalog.git('tag', '-f', 'base');
    catalog.write('v2.references.json', pinned(2));
    const [finding] = catalog.check();
    expect(finding).toMatchObject({ ruleId: 'published-version-changed', location: { line: 5, column: 5 } });
    expect(finding?.message).toMatch(
      /v2\.references\.json is published at base and was edited: \[0\]\.version: 1 → 2$/,
    );
  });

  it('fails a published topic whose strategy or key type changed, or that was removed from topics.json', () => {
    const catalog = publishedCatalog();
    const topics = (orders: object) =>
      `${JSON.stringify({ orders: { key: { type: 'string' }, ...orders }, shipments: { key: { type: 'string' } } }, null, 2)}\n`;
    writeFileSync(join(catalog.schemasDir, 'topics.json'), topics({}));
    catalog.git('add', '-A');
    catalog.git('commit', '--quiet', '-m', 'topics');
    catalog.git('tag', '-f', 'base');
    writeFileSync(
      join(catalog.schemasDir, 'topics.json'),
      topics({ doc: 'documented later: fine', strategy: 'TopicRecordNameStrategy', key: { type: 'avro' } }),
    );
    expect(
      catalog.check().map(({ ruleId, location, message }) => ({
        rule: ruleId,
        line: location?.line,
        column: location?.column,
        message,
      })),
    ).toEqual([
      {
        rule: 'published-topic-changed',
        line: 7,
        column: 5,
        message: 'topic orders: strategy changed from TopicNameStrategy (at base) to TopicRecordNameStrategy',
      },
      {
        rule: 'published-topic-changed',
        line: 4,
        column: 7,
        message: 'topic orders: key type changed from string (at base) to avro',
      },
    ]);
    writeFileSync(join(catalog.schemasDir, 'topics.json'), '{ "orders": { "key": { "type": "string" } } }\n');
    expect(catalog.check().map((finding) => finding.message)).toEqual([
      'topic shipments is declared at base and was removed from topics.json',
    ]);
  });

  it('throws GitHistoryError for a ref that does not exist', () => {
    const catalog = publishedCatalog();
    expect(() => checkAgainstRef({ schemasDir: catalog.schemasDir, ref: 'no-such-branch' })).toThrow(
      GitHistoryError,
    );
    expect(() => checkAgainstRef({ schemasDir: catalog.schemasDir, ref: 'no-such-branch' })).toThrow(
      /cannot resolve "no-such-branch" to a commit/,
    );
  });
});
