import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { fixturesDir } from './helpers.ts';

const run = promisify(execFile);
const bin = join(import.meta.dirname, '..', 'bin', 'events-schemas-check.js');

/** events-schemas-check on the catalog folder `dir`, from inside it, as a team runs it in CI. */
async function check(dir: string, format: string) {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, '--schemas', '.', '--format', format], {
      cwd: dir,
      env: { ...process.env, INIT_CWD: dir, GITHUB_WORKSPACE: dir },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('events-schemas-check on a catalog that loads but that a check cannot judge', () => {
  const reason = 'reader field "merged" matches several fields of record x.Event through its aliases';

  it('reports an internal error naming the subject in every format and exits 1, never crashing', async () => {
    const dir = join(fixturesDir, 'check-fails', 'ambiguous-alias');
    const human = await check(dir, 'human');
    expect(human).toMatchObject({ code: 1, stderr: '' });
    expect(human.stdout).toContain(
      `FAIL t-value v2 (BACKWARD)\n  t-value/v2.avsc:1:1 error internal-error: ${reason}`,
    );

    const json = await check(dir, 'json');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({
      ok: false,
      summary: { internalErrors: 1 },
      subjects: [{ subject: 't-value', internalError: reason }],
    });

    const github = await check(dir, 'github');
    expect(github.code).toBe(1);
    expect(github.stdout).toContain(
      `::error file=t-value/v2.avsc,line=1,col=1,title=internal-error in t-value::internal error checking t-value: ${reason}`,
    );

    const sarif = await check(dir, 'sarif');
    expect(sarif.code).toBe(1);
    expect(JSON.parse(sarif.stdout).runs[0].results).toEqual([
      expect.objectContaining({
        ruleId: 'internal-error',
        level: 'error',
        message: { text: expect.stringContaining(`internal error checking t-value: ${reason}`) },
      }),
    ]);
  });
});
