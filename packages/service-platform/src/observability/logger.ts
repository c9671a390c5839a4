import { type LevelWithSilent, type Logger, pino } from 'pino';

export type { LevelWithSilent, Logger };

export function createLogger(options: { name: string; level: LevelWithSilent }): Logger {
  return pino({
    name: options.name,
    level: options.level,
    // Never log credentials from the config or from request headers.
    redact: ['req.headers.authorization', 'req.headers.cookie', '*.password'],
  });
}
