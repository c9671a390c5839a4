import type { TopicEntry } from '../catalog/catalog.ts';
import type { CompatibilityDetails } from '../findings/finding.ts';

/** The services topics.json says write and read a topic. */
export type DeclaredServices = Pick<TopicEntry, 'producers' | 'consumers'>;

/**
 * Who a compatibility finding hurts, in their names: "profile-service reads user_register with v2 and cannot read what v3
 * writes". Undefined when the catalog declares no consumers.
 */
export function describeImpact(
  problem: Pick<CompatibilityDetails, 'direction' | 'version'>,
  { candidate, topic, services }: { candidate: number; topic: string; services: DeclaredServices },
): string | undefined {
  if (services.consumers.length === 0) return undefined;
  const consumers = listOf(services.consumers);
  const plural = services.consumers.length > 1;
  if (problem.direction === 'FORWARD') {
    return `${consumers} ${plural ? 'read' : 'reads'} ${topic} with v${problem.version} and cannot read what v${candidate} writes`;
  }
  const producers =
    services.producers.length > 0
      ? `, nor what ${listOf(services.producers)} ${services.producers.length > 1 ? 'write' : 'writes'} until moving to v${candidate}`
      : '';
  return `${consumers}, once on v${candidate}, cannot read the v${problem.version} events already in ${topic}${producers}`;
}

function listOf(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
