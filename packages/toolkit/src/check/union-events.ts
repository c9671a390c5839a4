import type { CompatibilityFinding } from '../findings/finding.ts';

/**
 * On a union subject (several event types on one TopicNameStrategy topic) a missing top-level branch means an
 * event type was added or removed: say so, with what each side of the change experiences.
 */
export function explainUnionEvents(findings: CompatibilityFinding[]): CompatibilityFinding[] {
  return findings.map((finding) => {
    const details = finding.compatibility;
    if (finding.ruleId !== 'missing-union-branch' || details.path !== '' || !details.branch) return finding;
    const old = `v${details.version}`;
    return details.direction === 'FORWARD'
      ? {
          ...finding,
          message: `event type ${details.branch} was added: consumers still on ${old} cannot read it; they get UNKNOWN_EVENT_TYPE and dead-letter it (or skip it, if they declared so) until they upgrade`,
          fix: 'upgrade every consumer before producers write the new event type, or use a FORWARD-free level (BACKWARD) for this subject',
        }
      : {
          ...finding,
          message: `event type ${details.branch} was removed: consumers on the new schema cannot read the ${details.branch} events written with ${old} that are still on the topic`,
          fix: `keep ${details.branch} in the union until no such events are left to read (retention), then remove it`,
        };
  });
}
