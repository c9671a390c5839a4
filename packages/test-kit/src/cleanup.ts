import { afterAll, onTestFinished } from 'vitest';

/**
 * Runs `clean` when the test that called this finishes, or after the file's tests when called outside a test
 * (a describe block, the file's top level). vitest never runs an `afterAll` registered inside a running test,
 * so helpers that used it there left their folders and topics behind on every call.
 */
export function cleanUpLater(clean: () => void | Promise<void>): void {
  try {
    onTestFinished(clean);
  } catch {
    // Not inside a test: onTestFinished refuses to register.
    afterAll(clean);
  }
}
