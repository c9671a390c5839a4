import { cleanUpLater } from './cleanup.ts';

/** What a service's `startService(config, logger)` returns, as far as its lifecycle goes. */
export interface Stoppable {
  stop(): Promise<void>;
}

/**
 * A service started in this process, stopped when the test (or file) is done. Its `stop` runs once however often
 * it is called, so a test may stop it first to watch the shutdown.
 */
export async function startedService<S extends Stoppable>(starting: Promise<S>): Promise<S> {
  const service = await starting;
  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= service.stop();
    return stopped;
  };
  cleanUpLater(stop);
  return { ...service, stop };
}
