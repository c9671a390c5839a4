import type { Context, Edit } from './edit.ts';
import { shortName } from './edit.ts';

export function* pinEdits(context: Context): Generator<Edit> {
  for (const [index, reference] of context.references.entries()) {
    const count = context.catalog.subjects[reference.subject]?.versions.length ?? 0;
    for (let version = 1; version <= count; version += 1) {
      if (version === reference.version) continue;
      yield {
        kind: version < reference.version ? 'reference pin moved back' : 'reference pin moved forward',
        where: `${reference.name} v${reference.version}→v${version}`,
        schema: context.schema,
        references: context.references.map((r, i) => (i === index ? { ...r, version } : r)),
      };
    }
  }
}

export function* unionSubjectEdits(context: Context): Generator<Edit> {
  const members = context.schema as string[];
  for (let i = 0; i < members.length && members.length >= 2; i += 1)
    yield {
      kind: 'union member removed',
      where: members[i] as string,
      schema: members.filter((_, j) => j !== i),
      references: context.references.filter((r) => r.name !== members[i]),
    };
  if (members.length >= 2)
    yield {
      kind: 'union members reordered',
      where: `${members[0]} ↔ ${members[1]}`,
      schema: [members[1], members[0], ...members.slice(2)] as string[],
    };
  const added = `${(members[0] as string).slice(0, (members[0] as string).lastIndexOf('.'))}.MemberAdded`;
  yield {
    kind: 'union member added',
    where: added,
    schema: [...members, added],
    references: [...context.references, { name: added, subject: added, version: 1 }],
    newSubjects: {
      [added]: {
        config: { compatibility: 'FULL_TRANSITIVE' },
        versions: [
          {
            schema: {
              type: 'record',
              name: shortName(added),
              namespace: added.slice(0, added.lastIndexOf('.')),
              fields: [
                { name: 'id', type: 'string' },
                { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } },
              ],
            },
            references: [],
          },
        ],
      },
    },
  };
}
