import { describe, expect, it } from 'vitest';
import { ServiceError } from '../../errors/service-error.ts';
import { parseJson } from './parse-json.ts';

function refusal(text: string): ServiceError {
  try {
    parseJson(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ServiceError);
    return error as ServiceError;
  }
  throw new Error('expected the text to be refused');
}

describe('parseJson', () => {
  it('parses valid JSON exactly as JSON.parse does', () => {
    const text = '{"a":[1,{"b":"\\ud83d\\ude80"}],"c":null,"__proto__":{"x":1}}';
    expect(parseJson(text)).toEqual(JSON.parse(text));
  });

  it('allows the same key in different objects', () => {
    expect(parseJson('{"a":{"id":1},"b":{"id":2}}')).toEqual({ a: { id: 1 }, b: { id: 2 } });
  });

  it('refuses a key given twice and says where', () => {
    const error = refusal('{"email":"a@example.com","email":"b@example.com"}');
    expect(error.code).toBe('MALFORMED_BODY');
    expect(error.message).toBe(
      'The key "email" appears more than once in the top-level object (line 1, column 26).',
    );
    expect(error.errors).toEqual([{ path: 'email', message: 'duplicate key' }]);
  });

  it('refuses a duplicate spelled with an escape, deep inside arrays', () => {
    const error = refusal('{"list":[{"ok":1},{"x":1,"\\u0078":2}]}');
    expect(error.errors).toEqual([{ path: 'list.1.x', message: 'duplicate key' }]);
  });

  it.each(['', '{"a":', '{"a":1,}', "{'a':1}", 'NaN'])('refuses the invalid JSON %j', (text) => {
    expect(refusal(text).message).toMatch(/^The body is not valid JSON: /);
  });

  it('walks a deeply nested but valid body without overflowing the stack', () => {
    const text = `{"a":${'['.repeat(5_000)}${']'.repeat(5_000)}}`;
    expect(() => parseJson(text)).not.toThrow(RangeError);
  });
});
