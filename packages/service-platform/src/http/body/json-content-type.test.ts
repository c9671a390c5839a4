import { describe, expect, it } from 'vitest';
import type { ServiceError } from '../../errors/service-error.ts';
import { checkJsonContentType } from './json-content-type.ts';

describe('checkJsonContentType', () => {
  it.each([
    'application/json',
    'application/json; charset=utf-8',
    'Application/JSON; Charset=UTF-8',
    'application/json;charset="utf8"',
  ])('accepts %s', (header) => {
    expect(() => checkJsonContentType(header)).not.toThrow();
  });

  it.each([
    [undefined, 'The request has no Content-Type: send application/json.'],
    ['text/plain', 'The body must be application/json, not text/plain.'],
    ['application/json; charset=utf-16', 'The body must be UTF-8 encoded JSON, not utf-16.'],
    ['application/json; charset=iso-8859-1', 'The body must be UTF-8 encoded JSON, not iso-8859-1.'],
    ['application/ json', 'The body must be application/json, not application/ json.'],
  ])('refuses %s with a 415 naming the problem', (header, detail) => {
    expect(() => checkJsonContentType(header)).toThrow(
      expect.objectContaining({ code: 'UNSUPPORTED_MEDIA_TYPE', message: detail }) as ServiceError,
    );
  });
});
