import { ContractError } from '../errors.ts';
import { basicAuthHeader, type RegistryOptions } from './registry-options.ts';

/** The one way this package talks REST to the registry: content type, basic auth, timeout and error mapping. */
export interface RegistryHttp {
  /** The status and parsed body; REGISTRY_UNAVAILABLE when the registry cannot be reached or answers 5xx. */
  call(method: string, path: string, body?: unknown): Promise<{ status: number; data: unknown }>;
  /** REGISTRY_REJECTED naming the request, with the registry's own reason. */
  rejected(method: string, path: string, status: number, data: unknown): ContractError;
}

const TIMEOUT_MS = 10_000;

export function createRegistryHttp(options: RegistryOptions): RegistryHttp {
  const base = options.url.replace(/\/+$/, '');
  const headers = { 'content-type': 'application/vnd.schemaregistry.v1+json', ...basicAuthHeader(options) };

  return {
    async call(method, path, body) {
      const url = `${base}${path}`;
      let response: Response;
      try {
        response = await fetch(url, {
          method,
          headers,
          signal: AbortSignal.timeout(TIMEOUT_MS),
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
      } catch (error) {
        const reason = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
        throw new ContractError(
          'REGISTRY_UNAVAILABLE',
          `cannot reach the schema registry at ${url} (${reason})`,
          {
            cause: error,
          },
        );
      }
      const text = await response.text();
      const data: unknown = text === '' ? undefined : safeJson(text);
      if (response.status >= 500) {
        throw new ContractError(
          'REGISTRY_UNAVAILABLE',
          `${method} ${url} failed: ${response.status} ${reasonOf(data)}`,
        );
      }
      return { status: response.status, data };
    },
    rejected(method, path, status, data) {
      return new ContractError(
        'REGISTRY_REJECTED',
        `${method} ${base}${path} refused (${status}): ${reasonOf(data)}`,
      );
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function reasonOf(data: unknown): string {
  if (typeof data === 'object' && data !== null && 'message' in data) return String(data.message);
  return typeof data === 'string' ? data.slice(0, 300) : 'no reason given';
}
