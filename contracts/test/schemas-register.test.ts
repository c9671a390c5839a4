import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RegistrationRow } from '@events/toolkit/build';
import { describe, expect, it } from 'vitest';
import { rest, runCli, tempSchemasDir } from './helpers.ts';

const register = (args: string[], env: Record<string, string> = {}) =>
  runCli('events-schemas-register', args, env);

describe('events-schemas-register on this catalog (against the real registry)', () => {
  it('registers the history oldest first after setting the level, then reports it unchanged', async () => {
    const { dir, subject } = tempSchemasDir();
    const first = await register(['--schemas', dir, '--json']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const rows = JSON.parse(first.stdout) as RegistrationRow[];
    expect(rows.map((r) => [r.file, r.version, r.status])).toEqual([
      ['v1.avsc', 1, 'registered'],
      ['v2.avsc', 2, 'registered'],
    ]);
    expect(rows.every((r) => r.previousLevel === 'global default' && r.level === 'FULL_TRANSITIVE')).toBe(
      true,
    );
    expect(await rest.getCompatibility(subject)).toBe('FULL_TRANSITIVE');

    const second = await register(['--schemas', dir, '--json']);
    const again = JSON.parse(second.stdout) as RegistrationRow[];
    expect(again.map((r) => r.status)).toEqual(['unchanged', 'unchanged']);
    expect(again.map((r) => r.id)).toEqual(rows.map((r) => r.id));
    expect(again.every((r) => r.previousLevel === undefined)).toBe(true);
  });

  it('prints a table of subject, version, id, level and status', async () => {
    const { dir, subject } = tempSchemasDir();
    const { stdout, code } = await register(['--schemas', dir]);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^subject\s+file\s+version\s+id\s+level\s+status\s+references$/);
    expect(lines[2]).toMatch(
      new RegExp(
        `^${subject}\\s+v2\\.avsc\\s+2\\s+\\d+\\s+FULL_TRANSITIVE \\(was global default\\)\\s+registered$`,
      ),
    );
  });

  it('changes nothing with --dry-run', async () => {
    const { dir, subject } = tempSchemasDir();
    const { stdout, code } = await register(['--schemas', dir, '--dry-run', '--json']);
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as RegistrationRow[]).map((r) => r.status)).toEqual([
      'would register',
      'would register',
    ]);
    expect(await rest.getCompatibility(subject)).toBeUndefined();
  });

  it('exits non-zero with the registry’s own reason when it refuses an incompatible version', async () => {
    const { dir, subjectDir } = tempSchemasDir();
    expect((await register(['--schemas', dir])).code).toBe(0);
    const v3 = {
      type: 'record',
      name: 'UserRegister',
      namespace: 'events.user',
      fields: [
        { name: 'userId', type: 'string' },
        { name: 'country', type: 'string' },
      ],
    };
    writeFileSync(join(subjectDir, 'v3.avsc'), JSON.stringify(v3));
    const { code, stderr } = await register(['--schemas', dir]);
    expect(code).toBe(1);
    expect(stderr).toContain('events-schemas-register failed');
    expect(stderr).toContain('refused (409)');
    expect(stderr).toContain('Incompatible artifact');
  });

  it('exits non-zero naming the URL when the registry cannot be reached', async () => {
    const { dir } = tempSchemasDir();
    const { code, stderr } = await register(['--schemas', dir], {
      SCHEMA_REGISTRY_URL: 'http://127.0.0.1:4/ccompat',
    });
    expect(code).toBe(2);
    expect(stderr).toContain('cannot reach the schema registry at http://127.0.0.1:4/ccompat/config/');
    expect(stderr).toContain('ECONNREFUSED');
  });
});
