/** Small schema builders shared by the checker's unit tests. */
export type TestField = { name: string; type: unknown; default?: unknown; aliases?: string[] };

export const record = (fields: TestField[], name = 'Event', extra: Record<string, unknown> = {}) => ({
  type: 'record',
  name,
  ...extra,
  fields,
});

/** A record with an `id` and one field `v` of the given type. */
export const withField = (type: unknown, extra: Partial<TestField> = {}) =>
  record([
    { name: 'id', type: 'string' },
    { name: 'v', type, ...extra },
  ]);
