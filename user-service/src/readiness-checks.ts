import type { RegistryConnection } from '@events/service-platform/config';
import type { ReadinessCheck } from '@events/service-platform/http';
import type { Pool } from '@events/service-platform/postgres';

export function databaseReachable(pool: Pool): ReadinessCheck {
  return async () => {
    await pool.query('SELECT 1');
  };
}

export function registryReachable(registry: RegistryConnection): ReadinessCheck {
  const headers: Record<string, string> =
    'username' in registry
      ? {
          authorization: `Basic ${Buffer.from(`${registry.username}:${registry.password}`).toString('base64')}`,
        }
      : {};
  return async () => {
    const response = await fetch(`${registry.url.replace(/\/$/, '')}/config`, {
      headers,
      signal: AbortSignal.timeout(2_000),
    });
    await response.body?.cancel();
    if (!response.ok) throw new Error(`schema registry answered ${response.status}`);
  };
}
