import { ConfigError, loadConfig } from './config.ts';
import { createLogger } from './observability/logger.ts';
import { startService } from './start-service.ts';

function readConfig() {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}

const config = readConfig();
const logger = createLogger({ level: config.logLevel });

const service = await startService(config, logger).catch((error: unknown) => {
  logger.fatal({ err: error }, 'user-service failed to start');
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
    await service.close();
    logger.info('shutdown complete');
    process.exitCode = exitCode;
  } catch (error) {
    logger.error({ err: error }, 'shutdown failed');
    process.exitCode = 1;
  }
}

for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void shutdown(signal, 0));
for (const event of ['uncaughtException', 'unhandledRejection'] as const) {
  process.on(event, (error: unknown) => {
    logger.fatal({ err: error }, event);
    void shutdown(event, 1);
  });
}
