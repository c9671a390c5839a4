import { type CompatibilityLevel, isCompatibilityLevel } from '../compatibility-level.ts';
import type { SchemaReference } from '../topic-descriptor.ts';
import type { RegistryHttp } from './registry-http.ts';

export interface RegisteredVersion {
  id: number;
  version: number;
}

/**
 * Hand-written REST for what @kafkajs/confluent-schema-registry cannot do (README, "Registry client"): it has no
 * public method for levels, its id lookup sends no references and returns no version, and it registers only
 * schemas with a name (not a union subject's).
 */
export interface RegistryRest {
  /** The subject's own level, or undefined when it has none (it then follows the global default). */
  getCompatibility(subject: string): Promise<CompatibilityLevel | undefined>;
  setCompatibility(subject: string, level: CompatibilityLevel): Promise<void>;
  /** The registered version holding exactly this schema, or undefined. */
  lookup(
    subject: string,
    schema: unknown,
    references?: readonly SchemaReference[],
  ): Promise<RegisteredVersion | undefined>;
  register(
    subject: string,
    schema: unknown,
    references?: readonly SchemaReference[],
  ): Promise<{ id: number }>;
}

export function createRegistryRest({ call, rejected }: RegistryHttp): RegistryRest {
  const subjectPath = (subject: string): string => encodeURIComponent(subject);

  return {
    async getCompatibility(subject) {
      const path = `/config/${subjectPath(subject)}?defaultToGlobal=false`;
      const { status, data } = await call('GET', path);
      if (status === 404) return undefined;
      if (status !== 200) throw rejected('GET', path, status, data);
      const level = (data as { compatibilityLevel?: unknown; compatibility?: unknown } | undefined) ?? {};
      const value = level.compatibilityLevel ?? level.compatibility;
      return isCompatibilityLevel(value) ? value : undefined;
    },
    async setCompatibility(subject, level) {
      const path = `/config/${subjectPath(subject)}`;
      const { status, data } = await call('PUT', path, { compatibility: level });
      if (status !== 200) throw rejected('PUT', path, status, data);
    },
    async lookup(subject, schema, references = []) {
      const path = `/subjects/${subjectPath(subject)}`;
      const { status, data } = await call('POST', path, schemaRequestBody(schema, references));
      if (status === 404) return undefined;
      if (status !== 200) throw rejected('POST', path, status, data);
      const { id, version } = data as RegisteredVersion;
      return { id, version };
    },
    async register(subject, schema, references = []) {
      const path = `/subjects/${subjectPath(subject)}/versions`;
      const { status, data } = await call('POST', path, schemaRequestBody(schema, references));
      if (status !== 200) throw rejected('POST', path, status, data);
      return { id: (data as { id: number }).id };
    },
  };
}

/** The request body Confluent's API takes for a schema: references only when there are some. */
export function schemaRequestBody(schema: unknown, references: readonly SchemaReference[]): object {
  return {
    schemaType: 'AVRO',
    schema: JSON.stringify(schema),
    ...(references.length > 0 && { references }),
  };
}
