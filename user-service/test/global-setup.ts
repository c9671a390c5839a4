import { runRootScript } from '@events/test-kit/stack-control';

const RETRY_FOR_MS = 45_000;

/**
 * The relay encodes against `user_register-value`: register the catalog's schemas the way operators do.
 * Retries for a while because another suite's fault test may be restarting the shared registry.
 */
export default async function setup(): Promise<void> {
  const deadline = Date.now() + RETRY_FOR_MS;
  for (;;) {
    try {
      await runRootScript(['schemas:register']);
      return;
    } catch (error) {
      if (Date.now() > deadline) {
        throw new Error('Could not register the schemas; is the stack up (`npm run stack:up`)?', {
          cause: error,
        });
      }
      await new Promise((resolve) => setTimeout(resolve, 3_000));
    }
  }
}
