import type { Kafka } from 'kafkajs';
import type { Config } from './config.ts';
import type { Pool } from './db/pool.ts';
import type { ReadinessCheck } from './http/health-routes.ts';

export function databaseReachable(pool: Pool): ReadinessCheck {
  return async () => {
    await pool.query('SELECT 1');
  };
}

/** Pass a Kafka client without retries: a probe must answer within the readiness timeout. */
export function kafkaReachable(kafka: Kafka): ReadinessCheck {
  return async () => {
    const admin = kafka.admin();
    try {
      await admin.connect();
      await admin.describeCluster();
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  };
}

export function registryReachable(registry: Config['registry']): ReadinessCheck {
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
