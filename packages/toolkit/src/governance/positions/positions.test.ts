import { describe, expect, it } from 'vitest';
import { locateSchemaPath } from './locate-schema-path.ts';
import { sourcePositions } from './source-positions.ts';

const text = `{
  "type": "record",
  "name": "Order",
  "namespace": "events.shop",
  "fields": [
    { "name": "id", "type": "string" },
    {
      "name": "address",
      "type": ["null", { "type": "record", "name": "Address", "fields": [{ "name": "zip", "type": "string" }] }],
      "default": null
    },
    { "name": "items", "type": { "type": "array", "items": { "type": "record", "name": "Item", "fields": [
      { "name": "price", "type": "long" }
    ] } } },
    { "name": "billing", "type": "Address" },
    { "name": "tags", "type": { "type": "map", "values": "Item" } }
  ]
}
`;
const schema = JSON.parse(text);
const at = sourcePositions(text);
const positionOf = (problemPath: string) => at(locateSchemaPath(schema, problemPath));

describe('sourcePositions', () => {
  it('gives 1-based line and column of a field, on its "name"', () => {
    expect(at(['fields', 0])).toEqual({ line: 6, column: 7 });
    expect(at(['fields', 1])).toEqual({ line: 8, column: 7 });
  });

  it('points a property value at its key', () => {
    expect(at(['fields', 1, 'default'])).toEqual({ line: 10, column: 7 });
    expect(at(['namespace'])).toEqual({ line: 4, column: 3 });
  });

  it('points a path the text lacks at its longest existing prefix', () => {
    expect(at(['fields', 0, 'doc'])).toEqual({ line: 6, column: 7 });
    expect(at(['nothing', 'here'])).toEqual({ line: 3, column: 3 });
  });

  it('counts columns within the line, after CRLF line ends too', () => {
    const crlf = '{\r\n  "a": {\r\n    "b": 1\r\n  }\r\n}';
    expect(sourcePositions(crlf)(['a', 'b'])).toEqual({ line: 3, column: 5 });
  });
});

describe('locateSchemaPath: compatibility problem paths to lines', () => {
  it('finds top-level and nested fields, through unions', () => {
    expect(positionOf('id')).toEqual({ line: 6, column: 7 });
    expect(positionOf('address.zip')).toEqual({ line: 9, column: 76 });
  });

  it('follows array items and map values', () => {
    expect(positionOf('items[].price')).toEqual({ line: 13, column: 9 });
    expect(locateSchemaPath(schema, 'tags{}')).toEqual(['fields', 4, 'type']);
  });

  it('follows a reference to a named type defined earlier in the file', () => {
    expect(locateSchemaPath(schema, 'billing.zip')).toEqual(['fields', 1, 'type', 1, 'fields', 0]);
    expect(locateSchemaPath(schema, 'tags{}.price')).toEqual(['fields', 2, 'type', 'items', 'fields', 0]);
  });

  it('stops at the deepest part it can follow: a removed field points at its record', () => {
    expect(locateSchemaPath(schema, 'address.street')).toEqual(['fields', 1]);
    expect(locateSchemaPath(schema, 'gone')).toEqual([]);
    expect(positionOf('')).toEqual({ line: 3, column: 3 });
  });
});
