import { z } from 'zod';
import { loadEnv } from './load-env.ts';
import {
  checkPlatformEnv,
  type PlatformConfig,
  type PlatformDefaults,
  type PlatformEnv,
  platformEnvRules,
  platformEnvShape,
  toPlatformConfig,
} from './platform-env.ts';

export interface ServiceConfigDefinition<Own extends z.ZodRawShape, T> {
  defaults: PlatformDefaults;
  /** The service's own variables; names must not repeat the platform's. */
  env: Own;
  /** Builds the service's own section from its parsed variables (and the shared ones, if it needs them). */
  build: (env: z.output<z.ZodObject<Own>> & PlatformEnv) => T;
}

/**
 * One schema of the shared variables plus the service's own, parsed once at start. The result is the
 * platform's sections (http, database, kafka, registry...) next to the service's own ones.
 */
export function defineServiceConfig<Own extends z.ZodRawShape, T extends object>(
  definition: ServiceConfigDefinition<Own, T>,
): (env?: NodeJS.ProcessEnv) => PlatformConfig & T {
  const schema = z
    .object({ ...platformEnvShape(definition.defaults), ...definition.env })
    .superRefine((env, ctx) => checkPlatformEnv(env as PlatformEnv, ctx));
  return (env = process.env) => {
    const parsed = loadEnv(schema, env, [platformEnvRules]) as z.output<z.ZodObject<Own>> & PlatformEnv;
    return { ...toPlatformConfig(parsed, definition.defaults), ...definition.build(parsed) };
  };
}
