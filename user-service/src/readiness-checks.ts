import type { RegistryConnection } from '@events/service-platform/config';
import type { ReadinessCheck } from '@events/service-platform/http';
import type { Pool, Queryable } from '@events/service-platform/postgres';
import { relayLag } from './messaging/outbox/outbox-repository.ts';

export function databaseReachable(pool: Pool): ReadinessCheck {
  return async () => {
    await pool.query('SELECT 1');
  };
}

/**
 * Never fails on lag (a backlog is no reason to stop taking registrations); it shows which instance reads the
 * outbox, whether it is this one, and how far behind the newest commit it is.
 */
export function outboxRelayStatus(
  db: Queryable,
  relay: { leading: boolean; instance: string },
): ReadinessCheck {
  return async () => {
    const lag = await relayLag(db);
    return {
      status: 'up',
      activeRelay: lag.activeRelay,
      thisInstance: relay.instance,
      leading: relay.leading,
      lagEvents: lag.events,
      lagSeconds: lag.seconds,
    };
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
