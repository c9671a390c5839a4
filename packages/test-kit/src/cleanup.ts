import { afterAll, onTestFinished } from 'vitest';

const fileCleanups: Array<() => void | Promise<void>> = [];
let fileCleanupsDrained = false;

/**
 * Runs `clean` when the test that called this finishes; called anywhere else (a file's top level, a describe,
 * a `beforeAll`), after the file's tests. vitest drops an `afterAll` registered while hooks or tests run, so
 * file-level cleanups wait in a list that `@events/test-kit/cleanup-setup` drains: a workspace whose helpers
 * run outside tests lists it in `setupFiles`, and without it this fails rather than leaking.
 */
export function cleanUpLater(clean: () => void | Promise<void>): void {
  try {
    onTestFinished(clean);
    return;
  } catch {
    // Not inside a test: onTestFinished refuses to register.
  }
  if (!fileCleanupsDrained)
    throw new Error(
      "cleanUpLater outside a test needs '@events/test-kit/cleanup-setup' in vitest's setupFiles",
    );
  fileCleanups.push(clean);
}

/** Called by the setup file while the test file is collected: file-level cleanups, latest first, after its tests. */
export function drainFileCleanupsAfterAll(): void {
  fileCleanupsDrained = true;
  // Latest first: a service stops before the database and topic it uses go.
  afterAll(async () => {
    for (const clean of fileCleanups.splice(0).reverse()) await clean();
  });
}
