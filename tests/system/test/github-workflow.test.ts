import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { validateWorkflow } from '@action-validator/core';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const source = readFileSync(`${root}.github/workflows/ci.yml`, 'utf8');
const rootScripts = JSON.parse(readFileSync(`${root}package.json`, 'utf8')).scripts as Record<string, string>;

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, string>;
}
const workflow = parse(source) as {
  on: Record<string, unknown>;
  jobs: Record<string, { steps: Step[]; services?: Record<string, { image: string }> }>;
};
const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
const indexOfRun = (pattern: RegExp) => steps.findIndex((step) => pattern.test(step.run ?? ''));

describe('the GitHub Actions workflow', () => {
  it('is a valid workflow according to the GitHub Actions schema', () => {
    expect(validateWorkflow(source).errors).toEqual([]);
  });

  it('would catch a broken workflow, so the validation above means something', () => {
    const broken = source.replace('runs-on: ubuntu-24.04', 'runs_on: ubuntu-24.04');
    expect(validateWorkflow(broken).errors.length).toBeGreaterThan(0);
  });

  it('runs on pull requests and pushes', () => {
    expect(Object.keys(workflow.on)).toEqual(expect.arrayContaining(['pull_request', 'push']));
  });

  it('installs from the lock file with the Node version of .nvmrc', () => {
    expect(indexOfRun(/^npm ci$/)).toBeGreaterThanOrEqual(0);
    const setupNode = steps.find((step) => step.uses?.startsWith('actions/setup-node@'));
    expect(setupNode?.with?.['node-version-file']).toBe('.nvmrc');
    expect(existsSync(`${root}.nvmrc`)).toBe(true);
  });

  it('provides Java 21+ and PostgreSQL, which the stack needs, then runs npm test', () => {
    const java = steps.find((step) => step.uses?.startsWith('actions/setup-java@'));
    expect(Number(java?.with?.['java-version'])).toBeGreaterThanOrEqual(21);
    expect(
      Object.values(workflow.jobs).some((job) => job.services?.postgres?.image.startsWith('postgres:')),
    ).toBe(true);
    expect(indexOfRun(/^npm test$/)).toBeGreaterThan(indexOfRun(/^npm ci$/));
    expect(rootScripts.test).toContain('stack');
  });

  it('annotates schema problems with schemas:check --format github before the tests run', () => {
    const check = indexOfRun(/^npm run schemas:check -- --format github --against "\$SCHEMAS_BASE"$/);
    expect(check).toBeGreaterThan(indexOfRun(/^npm ci$/));
    expect(check).toBeLessThan(indexOfRun(/^npm test$/));
    expect(rootScripts['schemas:check']).toBeDefined();
  });

  it('checks published schemas against the pull request base, with the history checked out', () => {
    const check = steps.find((step) => step.run?.includes('--against'));
    expect((check as Step & { env?: Record<string, string> }).env?.SCHEMAS_BASE).toContain(
      'github.event.pull_request.base.sha',
    );
    const checkout = steps.find((step) => step.uses?.startsWith('actions/checkout@'));
    expect(String(checkout?.with?.['fetch-depth'])).toBe('0');
  });

  it('only calls npm scripts that exist', () => {
    const called = steps.flatMap((step) =>
      [...(step.run ?? '').matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1]),
    );
    expect(called.filter((name) => name === undefined || !(name in rootScripts))).toEqual([]);
  });
});
