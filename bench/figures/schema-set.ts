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
 * version adds one optional field with a null default, which is compatible under every level. Every type and
 * field is documented, so the set passes the lint rules as a maintained catalog would.
 */
export function schemaSet(subjects: number, versions: number): SchemaSetSubject[] {
  return Array.from({ length: subjects }, (_, s) => {
    const base = [
      { name: 'id', type: { type: 'string', logicalType: 'uuid' }, doc: 'Entity id.' },
      {
        name: 'occurredAt',
        type: { type: 'long', logicalType: 'timestamp-millis' },
        doc: 'When it happened.',
      },
      {
        name: 'kind',
        type: {
          type: 'enum',
          name: `Kind${s}`,
          doc: 'What happened to the entity.',
          symbols: ['CREATED', 'UPDATED', 'DELETED'],
          default: 'CREATED',
        },
        doc: 'What happened.',
      },
      {
        name: 'source',
        type: {
          type: 'record',
          name: `Source${s}`,
          doc: 'Where the event comes from.',
          fields: [
            { name: 'service', type: 'string', doc: 'Producing service.' },
            { name: 'tags', type: { type: 'array', items: 'string' }, doc: 'Free-form labels.' },
          ],
        },
        doc: 'Origin of the event.',
      },
    ];
    const schemaOf = (version: number) => ({
      type: 'record',
      name: `Event${s}`,
      namespace: `bench.subject${s}`,
      doc: `Event of subject ${s}.`,
      fields: [
        ...base,
        ...Array.from({ length: version - 1 }, (_, i) => ({
          name: `added${i + 2}`,
          type: ['null', optionalTypes[(s + i) % optionalTypes.length]],
          default: null,
          doc: `Added in v${i + 2}.`,
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
