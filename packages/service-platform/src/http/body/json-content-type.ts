import { parse } from 'content-type';
import { ServiceError } from '../../errors/service-error.ts';

const UTF8 = new Set(['utf-8', 'utf8']);

/** 415 unless the body is declared `application/json`, in UTF-8 (the default) or no charset at all. */
export function checkJsonContentType(header: string | undefined): void {
  if (header === undefined) throw unsupported('The request has no Content-Type: send application/json.');
  // content-type 2 never throws: whatever it cannot read ends up as a type that is not application/json.
  const { type, parameters } = parse(header);
  const charset = parameters.charset;
  if (type !== 'application/json') throw unsupported(`The body must be application/json, not ${type}.`);
  if (charset !== undefined && !UTF8.has(charset.toLowerCase()))
    throw unsupported(`The body must be UTF-8 encoded JSON, not ${charset}.`);
}

const unsupported = (detail: string) => new ServiceError('UNSUPPORTED_MEDIA_TYPE', detail);
