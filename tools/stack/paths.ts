import { join, resolve } from 'node:path';

export const repoRoot = resolve(import.meta.dirname, '..', '..');
export const stackDir = process.env.STACK_DIR ?? join(repoRoot, '.stack');
export const logsDir = join(stackDir, 'logs');
export const pomFile = join(import.meta.dirname, 'pom.xml');

export const partDir = (part: string) => join(stackDir, part);
export const pidFile = (part: string) => join(stackDir, 'run', `${part}.pid`);
export const logFile = (part: string) => join(logsDir, `${part}.log`);
