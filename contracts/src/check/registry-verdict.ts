import type { SubjectEntry } from '../catalog/load-catalog.ts';
import type { RegistryVerdict } from './check-report.ts';

export interface RegistryConnection {
  url: string;
  username?: string;
  password?: string;
}

const CONTENT_TYPE = 'application/vnd.schemaregistry.v1+json';

/**
 * Asks the registry for its verdict on the subject's newest schema and lists the versions it holds that the
 * repository does not know. Apicurio's `/versions` checks every version whatever the level, so non-transitive
 * levels ask `/versions/latest`.
 */
export async function fetchRegistryVerdict(
  connection: RegistryConnection,
  entry: SubjectEntry,
): Promise<RegistryVerdict> {
  const call = registryClient(connection);
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
    const newest = entry.versions.at(-1)?.schema;
    const answer = await call<{ is_compatible: boolean }>(
      'POST',
      `/compatibility/subjects/${subject}/${against}`,
      {
        schemaType: 'AVRO',
        schema: JSON.stringify(newest),
      },
    );
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

/** JSON with object keys sorted, so formatting and key order do not make two equal schemas differ. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}

/** A tiny REST caller: undefined for 404, throws with the registry's message for other failures. */
function registryClient({ url, username, password }: RegistryConnection) {
  const headers: Record<string, string> = { Accept: CONTENT_TYPE, 'Content-Type': CONTENT_TYPE };
  if (username !== undefined) {
    headers.Authorization = `Basic ${Buffer.from(`${username}:${password ?? ''}`).toString('base64')}`;
  }
  return async <T>(method: string, path: string, body?: unknown): Promise<T | undefined> => {
    let response: Response;
    try {
      response = await fetch(`${url.replace(/\/$/, '')}${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(10_000),
      });
    } catch (error) {
      throw new Error(`registry at ${url} unreachable: ${(error as Error).message}`, { cause: error });
    }
    if (response.status === 404) return undefined;
    if (!response.ok)
      throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as T;
  };
}
