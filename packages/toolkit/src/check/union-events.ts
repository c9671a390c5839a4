import type { Problem } from '../compatibility/problem.ts';

/**
 * On a union subject (several event types on one TopicNameStrategy topic) a missing top-level branch means an
 * event type was added or removed: say so, with what each side of the change experiences.
 */
export function explainUnionEvents(problems: Problem[]): Problem[] {
  return problems.map((problem) => {
    if (problem.kind !== 'MISSING_UNION_BRANCH' || problem.path !== '' || !problem.branch) return problem;
    const old = `v${problem.version}`;
    return problem.direction === 'FORWARD'
      ? {
          ...problem,
          message: `event type ${problem.branch} was added: consumers still on ${old} cannot read it; they get UNKNOWN_EVENT_TYPE and dead-letter it (or skip it, if they declared so) until they upgrade`,
          fix: 'upgrade every consumer before producers write the new event type, or use a FORWARD-free level (BACKWARD) for this subject',
        }
      : {
          ...problem,
          message: `event type ${problem.branch} was removed: consumers on the new schema cannot read the ${problem.branch} events written with ${old} that are still on the topic`,
          fix: `keep ${problem.branch} in the union until no such events are left to read (retention), then remove it`,
        };
  });
}
