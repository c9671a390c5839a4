import { describe, expect, it } from 'vitest';
import { readSchemaJson } from '../compatibility/read-schema-json.ts';
import type { SchemaNode } from '../compatibility/schema-node.ts';
import { type NamedNode, namedNodesOf, substituteNamedTypes } from './substitute-named-types.ts';

const currency = (symbols: string[]) => ({ type: 'enum', name: 'Currency', namespace: 'x', symbols });
const money = (fields: object[]) => ({ type: 'record', name: 'Money', namespace: 'x', fields });
const event = (fields: object[]) => ({ type: 'record', name: 'Event', namespace: 'x', fields });
const amount = { name: 'amount', type: 'string' };

/** A schema read with the named types of `references` (each read after the ones before it), as the loader does. */
function resolved(schema: unknown, ...references: unknown[]): SchemaNode {
  let named: ReadonlyMap<string, SchemaNode> = new Map();
  for (const reference of references) named = readSchemaJson(reference, 'reference', named).named;
  return readSchemaJson(schema, 'schema', named).node;
}

/** The named types `names` as `schema` defines them. */
function from(schema: SchemaNode, ...names: string[]): Map<string, NamedNode> {
  const named = namedNodesOf(schema);
  return new Map(names.map((name) => [name, named.get(name) as NamedNode]));
}

const fieldsOf = (node: SchemaNode | undefined) =>
  node?.type === 'record' ? node.fields.map((field) => `${field.name}: ${field.type.type}`) : [];

describe('substituteNamedTypes', () => {
  it('puts the new definition where the user meets the type, after a nested type the user met first', () => {
    const user = resolved(
      event([
        { name: 'currency', type: 'x.Currency' },
        { name: 'price', type: 'x.Money' },
      ]),
      currency(['EUR']),
      money([amount, { name: 'currency', type: 'x.Currency' }]),
    );
    const newer = resolved(
      money([
        amount,
        { name: 'currency', type: 'x.Currency' },
        { name: 'note', type: 'string', default: '' },
      ]),
      currency(['EUR']),
    );
    const candidate = substituteNamedTypes(user, from(newer, 'x.Money'));
    const named = namedNodesOf(candidate);
    expect(fieldsOf(named.get('x.Money'))).toEqual(['amount: string', 'currency: enum', 'note: string']);
    // One Currency, the user's, which both fields hold.
    expect(candidate.type === 'record' && candidate.fields[0]?.type).toBe(named.get('x.Currency'));
    expect(named.get('x.Money')).toMatchObject({ fields: [{}, { type: named.get('x.Currency') }, {}] });
  });

  it('keeps a nested type the new definition no longer uses, for the user fields that still do', () => {
    const user = resolved(
      event([
        { name: 'price', type: 'x.Money' },
        { name: 'currency', type: 'x.Currency' },
      ]),
      currency(['EUR']),
      money([amount, { name: 'currency', type: 'x.Currency' }]),
    );
    const candidate = substituteNamedTypes(user, from(resolved(money([amount])), 'x.Money'));
    expect(fieldsOf(candidate)).toEqual(['price: record', 'currency: enum']);
    expect(fieldsOf(namedNodesOf(candidate).get('x.Money'))).toEqual(['amount: string']);
  });

  it('keeps the user’s definition of every type not replaced, even one the new definition was read with', () => {
    const user = resolved(
      event([{ name: 'price', type: 'x.Money' }]),
      currency(['EUR', 'GBP']),
      money([amount, { name: 'currency', type: 'x.Currency' }]),
    );
    const newer = resolved(money([amount, { name: 'currency', type: 'x.Currency' }]), currency(['EUR']));
    const candidate = substituteNamedTypes(user, from(newer, 'x.Money'));
    expect(namedNodesOf(candidate).get('x.Currency')).toMatchObject({ symbols: ['EUR', 'GBP'] });
  });

  it('defines a type only a replacement brings, and keeps a recursive type one object', () => {
    const node = {
      type: 'record',
      name: 'Node',
      namespace: 'x',
      fields: [
        { name: 'next', type: ['null', 'x.Node'], default: null },
        { name: 'price', type: 'x.Money' },
      ],
    };
    const user = resolved(node, money([amount]));
    const newer = resolved(
      money([amount, { name: 'currency', type: 'x.Currency', default: 'EUR' }]),
      currency(['EUR']),
    );
    const candidate = substituteNamedTypes(user, from(newer, 'x.Money', 'x.Currency'));
    expect(namedNodesOf(candidate).get('x.Currency')).toMatchObject({ symbols: ['EUR'] });
    expect(candidate.type === 'record' && candidate.fields[0]?.type).toMatchObject({
      branches: [{ type: 'null' }, candidate],
    });
  });
});
