import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scratchDir } from '@events/test-kit/scratch-dir';
import { describe, expect, it } from 'vitest';
import { schemaSet, writeSchemaSet } from './schema-set.ts';

describe('schemaSet', () => {
  it('gives each subject its versions, each adding exactly one optional field with a null default', () => {
    const set = schemaSet(50, 10);
    expect(set).toHaveLength(50);
    expect(new Set(set.map((s) => s.subject)).size).toBe(50);
    for (const { versions } of set) {
      expect(versions).toHaveLength(10);
      versions.forEach((schema, i) => {
        const fields = (schema as { fields: Array<{ name: string; default?: unknown }> }).fields;
        expect(fields).toHaveLength(4 + i);
        if (i > 0) expect(fields.at(-1)).toMatchObject({ name: `added${i + 1}`, default: null });
      });
    }
  });

  it('writes the contracts/schemas layout', () => {
    const dir = scratchDir('schema-set-');
    writeSchemaSet(dir, schemaSet(3, 2));
    expect(readdirSync(dir).sort()).toEqual([
      'bench_topic_0-value',
      'bench_topic_1-value',
      'bench_topic_2-value',
    ]);
    expect(readdirSync(join(dir, 'bench_topic_1-value')).sort()).toEqual([
      'subject.json',
      'v1.avsc',
      'v2.avsc',
    ]);
    const config = JSON.parse(readFileSync(join(dir, 'bench_topic_1-value', 'subject.json'), 'utf8'));
    expect(config).toEqual({
      topic: 'bench_topic_1',
      compatibility: 'BACKWARD_TRANSITIVE',
      key: { type: 'string', doc: 'Entity id.' },
    });
  });
});
