import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const levels = ['BACKWARD', 'BACKWARD_TRANSITIVE', 'FORWARD', 'FULL', 'FULL_TRANSITIVE'] as const;
const optionalTypes = ['string', 'long', 'double', 'boolean', { type: 'array', items: 'string' }] as const;

export interface SchemaSetSubject {
  subject: string;
  level: (typeof levels)[number];
  /** Oldest first. */
  versions: object[];
}

/**
 * A realistic subject: a record with a uuid, a timestamp, an enum, a nested record and an array; each later
 * version adds one optional field with a null default, which is compatible under every level.
 */
export function schemaSet(subjects: number, versions: number): SchemaSetSubject[] {
  return Array.from({ length: subjects }, (_, s) => {
    const base = [
      { name: 'id', type: { type: 'string', logicalType: 'uuid' } },
      { name: 'occurredAt', type: { type: 'long', logicalType: 'timestamp-millis' } },
      {
        name: 'kind',
        type: {
          type: 'enum',
          name: `Kind${s}`,
          symbols: ['CREATED', 'UPDATED', 'DELETED'],
          default: 'CREATED',
        },
      },
      {
        name: 'source',
        type: {
          type: 'record',
          name: `Source${s}`,
          fields: [
            { name: 'service', type: 'string' },
            { name: 'tags', type: { type: 'array', items: 'string' } },
          ],
        },
      },
    ];
    const schemaOf = (version: number) => ({
      type: 'record',
      name: `Event${s}`,
      namespace: `bench.subject${s}`,
      fields: [
        ...base,
        ...Array.from({ length: version - 1 }, (_, i) => ({
          name: `added${i + 2}`,
          type: ['null', optionalTypes[(s + i) % optionalTypes.length]],
          default: null,
        })),
      ],
    });
    return {
      subject: `bench_topic_${s}-value`,
      level: levels[s % levels.length] as SchemaSetSubject['level'],
      versions: Array.from({ length: versions }, (_, v) => schemaOf(v + 1)),
    };
  });
}

/** Writes the set in the layout of contracts/schemas (subject.json + v1..vN.avsc per subject folder). */
export function writeSchemaSet(dir: string, set: readonly SchemaSetSubject[]): void {
  for (const { subject, level, versions } of set) {
    const folder = join(dir, subject);
    mkdirSync(folder, { recursive: true });
    const config = {
      topic: subject.replace(/-value$/, ''),
      compatibility: level,
      key: { type: 'string', doc: 'Entity id.' },
    };
    writeFileSync(join(folder, 'subject.json'), JSON.stringify(config, null, 2));
    for (const [i, schema] of versions.entries()) {
      writeFileSync(join(folder, `v${i + 1}.avsc`), JSON.stringify(schema, null, 2));
    }
  }
}
