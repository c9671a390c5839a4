import { expect, onTestFinished } from 'vitest';

const fileCleanups: Array<() => Promise<void>> = [];

/**
 * Runs `fn` when the current test ends or, when called from a `beforeAll`, after the file's tests
 * (hooks registered while hooks run are ignored, so test/setup.ts drains this list instead).
 */
export function registerCleanup(fn: () => Promise<void>): void {
  if (expect.getState().currentTestName === undefined) fileCleanups.push(fn);
  else onTestFinished(fn);
}

/** Latest first: a service closes before the database and topic it uses disappear. */
export async function runFileCleanups(): Promise<void> {
  for (const fn of fileCleanups.splice(0).reverse()) await fn();
}
