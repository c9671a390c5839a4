import avsc from 'avsc';
import { describe, expect, it } from 'vitest';
import { readSchemaJson } from '../compatibility/read-schema-json.ts';
import { schemaForAvsc } from './avsc-schema.ts';

const forAvsc = (schema: unknown) => schemaForAvsc(schema, readSchemaJson(schema, 'v1').named);
const event = (fields: unknown[]) => ({ type: 'record', name: 'Event', namespace: 'x', fields });

describe('schemaForAvsc', () => {
  it('gives avsc the schema itself when every default fits the first branch', () => {
    const schema = event([{ name: 'nick', type: ['null', 'string'], default: null }]);
    expect(forAvsc(schema)).toBe(schema);
  });

  it('leaves out a union default of a later branch, which avsc refuses, and nothing else', () => {
    const inner = { type: 'record', name: 'Inner', fields: [{ name: 'u', type: ['null', 'string'] }] };
    const schema = event([
      { name: 'channel', type: ['null', 'string'], default: 'post', doc: 'Where.' },
      { name: 'inner', type: ['null', inner], default: { u: 'x' } },
      { name: 'n', type: 'int', default: 1 },
    ]);
    expect(() => avsc.Type.forSchema(schema as avsc.Schema)).toThrow();
    const compiled = forAvsc(schema);
    expect(compiled).toEqual(
      event([
        { name: 'channel', type: ['null', 'string'], doc: 'Where.' },
        { name: 'inner', type: ['null', inner] },
        { name: 'n', type: 'int', default: 1 },
      ]),
    );
    expect(() => avsc.Type.forSchema(compiled as avsc.Schema)).not.toThrow();
    expect(schema.fields[0]).toHaveProperty('default', 'post');
  });
});
