import { withField as one, record, type TestField } from '../src/compatibility/test-schemas.ts';

/** Schema changes covering every resolution rule; the registry is the oracle for their verdicts. */
/**
 * Registering a schema equal to a version already in the subject (docs aside) returns that version unchecked
 * and adds none, so every schema of a change differs from all the others.
 */
export interface SchemaChange {
  name: string;
  /** Earlier versions, oldest first. */
  history: unknown[];
  candidate: unknown;
}

const enumOf = (symbols: string[], extra: Record<string, unknown> = {}) => ({
  type: 'enum',
  name: 'Color',
  symbols,
  ...extra,
});
const fixed = (size: number, name = 'Hash', extra: Record<string, unknown> = {}) => ({
  type: 'fixed',
  name,
  size,
  ...extra,
});
const address = (fields: TestField[]) => record(fields, 'Address');
const node = (fields: TestField[]) =>
  record(
    [{ name: 'value', type: 'int' }, { name: 'next', type: ['null', 'Node'], default: null }, ...fields],
    'Node',
  );

const change = (name: string, old: unknown, candidate: unknown): SchemaChange => ({
  name,
  history: [old],
  candidate,
});

export const schemaChanges: SchemaChange[] = [
  change('an identical record', one('int'), one('int')),
  change(
    'a field added with a default',
    one('int'),
    record([
      { name: 'id', type: 'string' },
      { name: 'v', type: 'int' },
      { name: 'n', type: 'int', default: 0 },
    ]),
  ),
  change(
    'a field added without a default',
    one('int'),
    record([
      { name: 'id', type: 'string' },
      { name: 'v', type: 'int' },
      { name: 'nick', type: 'string' },
    ]),
  ),
  change(
    'a nullable field added with default null',
    one('int'),
    record([
      { name: 'id', type: 'string' },
      { name: 'v', type: 'int' },
      { name: 'nick', type: ['null', 'string'], default: null },
    ]),
  ),
  change('a field without a default removed', one('int'), record([{ name: 'id', type: 'string' }])),
  change(
    'a field with a default removed',
    one('int', { default: 1 }),
    record([{ name: 'id', type: 'string' }]),
  ),
  change(
    'a field renamed with an alias',
    one('int'),
    record([
      { name: 'id', type: 'string' },
      { name: 'w', type: 'int', aliases: ['v'] },
    ]),
  ),
  change(
    'a field renamed without an alias',
    one('int'),
    record([
      { name: 'id', type: 'string' },
      { name: 'w', type: 'int' },
    ]),
  ),
  change(
    'a field renamed without an alias but with a default',
    one('int', { default: 0 }),
    record([
      { name: 'id', type: 'string' },
      { name: 'w', type: 'int', default: 0 },
    ]),
  ),
  change('int to long', one('int'), one('long')),
  change('long to int', one('long'), one('int')),
  change('int to float', one('int'), one('float')),
  change('long to double', one('long'), one('double')),
  change('float to double', one('float'), one('double')),
  change('double to float', one('double'), one('float')),
  change('string to bytes', one('string'), one('bytes')),
  change('bytes to string', one('bytes'), one('string')),
  change('int to string', one('int'), one('string')),
  change('boolean to int', one('boolean'), one('int')),
  change('string to a nullable string', one('string'), one(['null', 'string'])),
  change('a nullable string to string', one(['null', 'string']), one('string')),
  change('a union branch added', one(['null', 'string']), one(['null', 'string', 'int'])),
  change('a union branch removed', one(['null', 'string', 'int']), one(['null', 'string'])),
  change(
    'union branches reordered',
    { type: 'array', items: ['int', 'string'] },
    { type: 'array', items: ['string', 'int'] },
  ),
  change('int to a union with long', one('int'), one(['null', 'long'])),
  change('a union of int and long to long', one(['int', 'long']), one('long')),
  change('a union of int and string to double', one(['int', 'string']), one('double')),
  change('an enum symbol added', one(enumOf(['RED', 'GREEN'])), one(enumOf(['RED', 'GREEN', 'BLUE']))),
  change('an enum symbol removed', one(enumOf(['RED', 'GREEN', 'BLUE'])), one(enumOf(['RED', 'GREEN']))),
  change(
    'an enum symbol added where both declare a default',
    one(enumOf(['UNKNOWN', 'RED'], { default: 'UNKNOWN' })),
    one(enumOf(['UNKNOWN', 'RED', 'BLUE'], { default: 'UNKNOWN' })),
  ),
  change(
    'an enum symbol removed where the new enum has a default',
    one(enumOf(['UNKNOWN', 'RED', 'BLUE'])),
    one(enumOf(['UNKNOWN', 'RED'], { default: 'UNKNOWN' })),
  ),
  change('an enum renamed', one(enumOf(['RED'])), one({ type: 'enum', name: 'Colour', symbols: ['RED'] })),
  change(
    'an enum renamed with an alias',
    one(enumOf(['RED'])),
    one({ type: 'enum', name: 'Colour', symbols: ['RED'], aliases: ['Color'] }),
  ),
  change(
    'a record renamed',
    one('int'),
    record(
      [
        { name: 'id', type: 'string' },
        { name: 'v', type: 'int' },
      ],
      'Happening',
    ),
  ),
  change(
    'a record renamed with an alias',
    one('int'),
    record(
      [
        { name: 'id', type: 'string' },
        { name: 'v', type: 'int' },
      ],
      'Happening',
      { aliases: ['Event'] },
    ),
  ),
  change(
    'only the namespace changed',
    record([{ name: 'id', type: 'string' }], 'Event', { namespace: 'a.b' }),
    record([{ name: 'id', type: 'string' }], 'Event', { namespace: 'c.d' }),
  ),
  change(
    'a renamed record whose alias resolves in its own namespace',
    record([{ name: 'id', type: 'string' }], 'Event'),
    record([{ name: 'id', type: 'string' }], 'Happening', { namespace: 'ns', aliases: ['Event'] }),
  ),
  change(
    'a renamed record with a fully qualified alias',
    record([{ name: 'id', type: 'string' }], 'Event', { namespace: 'ns' }),
    record([{ name: 'id', type: 'string' }], 'Happening', { namespace: 'other', aliases: ['ns.Event'] }),
  ),
  change('a fixed size changed', one(fixed(16)), one(fixed(32))),
  change('a fixed renamed', one(fixed(16)), one(fixed(16, 'Digest'))),
  change('a fixed renamed with an alias', one(fixed(16)), one(fixed(16, 'Digest', { aliases: ['Hash'] }))),
  change(
    'array items int to long',
    one({ type: 'array', items: 'int' }),
    one({ type: 'array', items: 'long' }),
  ),
  change(
    'array items string to int',
    one({ type: 'array', items: 'string' }),
    one({ type: 'array', items: 'int' }),
  ),
  change('map values int to long', one({ type: 'map', values: 'int' }), one({ type: 'map', values: 'long' })),
  change(
    'map values int to string',
    one({ type: 'map', values: 'int' }),
    one({ type: 'map', values: 'string' }),
  ),
  change('a map became an array', one({ type: 'map', values: 'int' }), one({ type: 'array', items: 'int' })),
  change(
    'a nested record gained a field without a default',
    one(address([{ name: 'city', type: 'string' }])),
    one(
      address([
        { name: 'city', type: 'string' },
        { name: 'zip', type: 'string' },
      ]),
    ),
  ),
  change(
    'a nested record gained a field with a default',
    one(address([{ name: 'city', type: 'string' }])),
    one(
      address([
        { name: 'city', type: 'string' },
        { name: 'zip', type: 'string', default: '' },
      ]),
    ),
  ),
  change(
    'records in an array gained a field without a default',
    one({ type: 'array', items: address([{ name: 'city', type: 'string' }]) }),
    one({
      type: 'array',
      items: address([
        { name: 'city', type: 'string' },
        { name: 'price', type: 'double' },
      ]),
    }),
  ),
  change(
    'a nullable nested record gained a field without a default',
    one(['null', address([{ name: 'city', type: 'string' }])], { default: null }),
    one(
      [
        'null',
        address([
          { name: 'city', type: 'string' },
          { name: 'zip', type: 'string' },
        ]),
      ],
      { default: null },
    ),
  ),
  change(
    'a timestamp-millis became timestamp-micros',
    one({ type: 'long', logicalType: 'timestamp-millis' }),
    one({ type: 'long', logicalType: 'timestamp-micros' }),
  ),
  change('a uuid became a plain string', one({ type: 'string', logicalType: 'uuid' }), one('string')),
  change(
    'a decimal changed precision',
    one({ type: 'bytes', logicalType: 'decimal', precision: 4, scale: 2 }),
    one({ type: 'bytes', logicalType: 'decimal', precision: 6, scale: 2 }),
  ),
  change('a top-level int became long', 'int', 'long'),
  change('a top-level string became a record', 'string', record([{ name: 'id', type: 'string' }])),
  change('a recursive record is unchanged', node([]), node([])),
  change(
    'a recursive record gained a field with a default',
    node([]),
    node([{ name: 'label', type: 'string', default: '' }]),
  ),
  change(
    'a recursive record gained a field without a default',
    node([]),
    node([{ name: 'label', type: 'string' }]),
  ),
  {
    name: 'a field required now but defaulted in the latest version only (transitive)',
    history: [one('int'), record([...one('int').fields, { name: 'b', type: 'string', default: '' }])],
    candidate: record([...one('int').fields, { name: 'b', type: 'string' }]),
  },
  {
    name: 'a type narrowed back after a promotion',
    history: [one('int'), one('long')],
    candidate: record([...one('int').fields, { name: 'c', type: 'int', default: 0 }]),
  },
  {
    name: 'three versions where only the middle one has the new field',
    history: [
      one('int'),
      record([...one('int').fields, { name: 'b', type: 'string' }]),
      record([...one('int').fields, { name: 'd', type: 'int', default: 0 }]),
    ],
    candidate: record([
      ...one('int').fields,
      { name: 'b', type: 'string' },
      { name: 'c', type: 'int', default: 0 },
    ]),
  },
];
