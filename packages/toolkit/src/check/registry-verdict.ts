import type { SchemaVersion, SubjectEntry } from '../catalog/catalog.ts';
import { ContractError } from '../errors.ts';
import { createRegistryHttp } from '../registry/registry-http.ts';
import type { RegistryOptions } from '../registry/registry-options.ts';
import { schemaRequestBody } from '../registry/registry-rest.ts';
import type { RegistryVerdict } from './check-report.ts';

/**
 * Asks the registry for its verdict on the subject's newest schema and lists the versions it holds that the
 * repository does not know. Apicurio's `/versions` checks every version whatever the level, so non-transitive
 * levels ask `/versions/latest`.
 */
export async function fetchRegistryVerdict(
  registry: RegistryOptions,
  entry: SubjectEntry,
): Promise<RegistryVerdict> {
  const call = registryClient(registry);
  const subject = encodeURIComponent(entry.subject);
  try {
    const versions = await call<number[]>('GET', `/subjects/${subject}/versions`);
    if (versions === undefined) return { registered: false, unknownVersions: [] };
    const known = new Set(entry.versions.map((version) => canonicalJson(version.schema)));
    const unknownVersions: number[] = [];
    for (const version of versions) {
      const stored = await call<{ schema: string }>('GET', `/subjects/${subject}/versions/${version}`);
      if (stored && !known.has(canonicalJson(JSON.parse(stored.schema)))) unknownVersions.push(version);
    }
    const config =
      (await call<{ compatibilityLevel: string }>('GET', `/config/${subject}`)) ??
      (await call<{ compatibilityLevel: string }>('GET', '/config'));
    const level = config?.compatibilityLevel ?? 'BACKWARD';
    const against = level.endsWith('_TRANSITIVE') ? 'versions' : 'versions/latest';
    const newest = entry.versions.at(-1);
    const answer = await askCompatibility(call, `/compatibility/subjects/${subject}/${against}`, newest);
    if (answer === 'unsupported') {
      return { registered: true, level, unknownVersions, note: REFERENCES_UNSUPPORTED };
    }
    return {
      registered: true,
      level,
      unknownVersions,
      ...(answer ? { compatible: answer.is_compatible } : {}),
    };
  } catch (error) {
    return { registered: false, unknownVersions: [], error: (error as Error).message };
  }
}

const REFERENCES_UNSUPPORTED =
  'the registry cannot check a schema with references (Apicurio answers 42201 "Syntax violation"): only our verdict applies';

/** The registry's verdict, or `unsupported` when it refuses to parse a schema with references. */
async function askCompatibility(
  call: ReturnType<typeof registryClient>,
  path: string,
  newest: SchemaVersion | undefined,
): Promise<{ is_compatible: boolean } | undefined | 'unsupported'> {
  try {
    return await call<{ is_compatible: boolean }>(
      'POST',
      path,
      schemaRequestBody(newest?.schema, newest?.references ?? []),
    );
  } catch (error) {
    const refused =
      error instanceof ContractError && error.code === 'REGISTRY_REJECTED' && error.message.includes('(422)');
    if (refused && (newest?.references.length ?? 0) > 0) return 'unsupported';
    throw error;
  }
}

/** JSON with object keys sorted, so formatting and key order do not make two equal schemas differ. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}

/** The shared REST caller, answering undefined for 404 and throwing the registry's reason for other failures. */
function registryClient(registry: RegistryOptions) {
  const { call, rejected } = createRegistryHttp(registry);
  return async <T>(method: string, path: string, body?: unknown): Promise<T | undefined> => {
    const { status, data } = await call(method, path, body);
    if (status === 404) return undefined;
    if (status < 200 || status > 299) throw rejected(method, path, status, data);
    return data as T;
  };
}
