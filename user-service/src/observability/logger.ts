import { type LevelWithSilent, type Logger, pino } from 'pino';

export type { Logger };

export function createLogger(options: { level: LevelWithSilent }): Logger {
  return pino({
    name: 'user-service',
    level: options.level,
    // Registration payloads carry personal data; never log credentials from the config or headers.
    redact: ['req.headers.authorization', 'req.headers.cookie', '*.password'],
  });
}
