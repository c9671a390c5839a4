import { type Logger, pino } from 'pino';

export function createLogger({ level }: { level: string }): Logger {
  return pino({ name: 'profile-service', level });
}
