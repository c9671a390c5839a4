export interface RegistryOptions {
  /** Base URL of the Confluent-compatible API, e.g. http://127.0.0.1:8081/apis/ccompat/v7. */
  url: string;
  username?: string;
  password?: string;
}

export function basicAuthHeader(options: RegistryOptions): Record<string, string> {
  if (options.username === undefined) return {};
  const token = Buffer.from(`${options.username}:${options.password ?? ''}`).toString('base64');
  return { authorization: `Basic ${token}` };
}
