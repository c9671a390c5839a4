import type { z } from 'zod';

export class ConfigError extends Error {
  override name = 'ConfigError';
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.problems = problems;
  }
}

/** Rules across keys, checked on the variables that are set (zod skips refinements once a key fails). */
export type EnvRule = (present: Readonly<Record<string, string>>) => string[];

/**
 * Parses the environment once against `schema`; every bad key is reported, not just the first.
 * Empty values count as unset, so `FOO= npm start` falls back to the default.
 */
export function loadEnv<S extends z.ZodType>(
  schema: S,
  env: NodeJS.ProcessEnv,
  rules: readonly EnvRule[] = [],
): z.output<S> {
  const present = Object.fromEntries(
    Object.entries(env).filter(
      (entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '',
    ),
  );
  const result = schema.safeParse(present);
  const problems = [
    ...(result.success
      ? []
      : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)),
    ...rules.flatMap((rule) => rule(present)),
  ];
  if (problems.length > 0 || !result.success) throw new ConfigError(problems);
  return result.data;
}
