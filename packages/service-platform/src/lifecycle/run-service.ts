import { ConfigError } from '../config/load-env.ts';
import { createLogger, type LevelWithSilent, type Logger } from '../observability/logger.ts';

export interface Stoppable {
  /** Stops taking work, finishes or hands back what is in flight, disconnects. */
  stop(): Promise<void>;
}

export interface RunServiceOptions<
  C extends { serviceName: string; logLevel: LevelWithSilent; shutdownTimeoutMs: number },
> {
  loadConfig: () => C;
  start: (config: C, logger: Logger) => Promise<Stoppable>;
}

/** How long a stopped service may wait for its last sockets and timers to close on their own. */
const EXIT_GRACE_MS = 2_000;

/**
 * A service's entry point: config (exit 1 listing every bad key), logger, start (exit 1 if it fails),
 * then SIGTERM/SIGINT trapped once for a graceful stop within SHUTDOWN_TIMEOUT_MS (exit 1 past it or
 * on failure). An uncaught exception stops the service the same way with exit code 1.
 */
export async function runService<
  C extends { serviceName: string; logLevel: LevelWithSilent; shutdownTimeoutMs: number },
>(options: RunServiceOptions<C>): Promise<void> {
  let config: C;
  try {
    config = options.loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  const logger = createLogger({ name: config.serviceName, level: config.logLevel });
  // kafkajs leaks rejections around broker restarts (kafkajs#939, #1481): log them, the clients recover.
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'));

  const service = await options.start(config, logger).catch((error: unknown) => {
    logger.fatal({ err: error }, `${config.serviceName} failed to start`);
    process.exit(1);
  });

  let shuttingDown = false;
  async function shutdown(reason: string, exitCode: number): Promise<void> {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info({ reason }, 'shutting down');
    const deadline = setTimeout(() => {
      logger.error({ timeoutMs: config.shutdownTimeoutMs }, 'shutdown timed out');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    deadline.unref();
    try {
      await service.stop();
      logger.info('shutdown complete');
      process.exitCode = exitCode;
    } catch (error) {
      logger.error({ err: error }, 'shutdown failed');
      process.exitCode = 1;
    } finally {
      clearTimeout(deadline);
      exitWhenLeftRunning(logger);
    }
  }

  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void shutdown(signal, 0));
  process.on('uncaughtException', (error) => {
    logger.fatal({ err: error }, 'uncaught exception');
    void shutdown('uncaughtException', 1);
  });
}

/**
 * Everything is stopped, so the event loop should drain by itself; after broker faults kafkajs can leave a
 * reconnect socket or retry timer behind that would hold the process until the orchestrator's SIGKILL. Name
 * what is left, then exit with the code the stop decided.
 */
function exitWhenLeftRunning(logger: Logger): void {
  setTimeout(() => {
    logger.warn({ resources: process.getActiveResourcesInfo() }, 'still running after shutdown: exiting');
    process.exit();
  }, EXIT_GRACE_MS).unref();
}
