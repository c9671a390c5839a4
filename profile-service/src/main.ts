import { type Config, loadConfig } from './config.ts';
import { createLogger } from './observability/logger.ts';
import { startProfileService } from './start-service.ts';

let config: Config;
try {
  config = loadConfig();
} catch (error) {
  createLogger({ level: 'info' }).fatal((error as Error).message);
  process.exit(1);
}
const logger = createLogger({ level: config.logLevel });

// kafkajs leaks rejections around broker restarts (kafkajs#939, #1481): log them, the supervisor recovers.
process.on('unhandledRejection', (reason) => {
  logger.error({ err: reason }, 'unhandled rejection');
});

const service = await startProfileService({ config, logger });

let shuttingDown = false;
async function shutdown(signal: NodeJS.Signals): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  logger.info({ signal }, 'shutting down');
  const deadline = setTimeout(() => {
    logger.error({ timeoutMs: config.shutdownTimeoutMs }, 'graceful shutdown timed out');
    process.exit(1);
  }, config.shutdownTimeoutMs);
  deadline.unref();
  try {
    await service.stop();
    process.exitCode = 0;
  } catch (error) {
    logger.error({ err: error }, 'shutdown failed');
    process.exitCode = 1;
  } finally {
    clearTimeout(deadline);
  }
}

process.once('SIGTERM', (signal) => void shutdown(signal));
process.once('SIGINT', (signal) => void shutdown(signal));
