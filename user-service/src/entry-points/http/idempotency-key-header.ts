import { userServiceError } from '../../errors.ts';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

const MAX_LENGTH = 255;
// RFC 8941 sf-string: printable ASCII in double quotes, `"` and `\` escaped with a backslash.
const SF_STRING = /^"((?:[\x20\x21\x23-\x5b\x5d-\x7e]|\\["\\])*)"$/;
// The bare form many clients send (a UUID, a base64 token): what an sf-token-like value can hold unquoted.
const BARE = /^[A-Za-z0-9._~+/=:-]+$/;

const invalid = (message: string) =>
  userServiceError('VALIDATION_FAILED', `The ${IDEMPOTENCY_KEY_HEADER} header is invalid.`, {
    errors: [{ path: IDEMPOTENCY_KEY_HEADER, message }],
  });

/**
 * The Idempotency-Key request header (draft-ietf-httpapi-idempotency-key-header): a Structured Field String
 * such as `"8e03978e-40d5-43e8-bc93-6894a57f9324"`, or the same key unquoted when it holds only letters,
 * digits and `._~+/=:-`. 1 to 255 characters; sent once (`header` as in req.headersDistinct). Undefined when
 * absent; a bad value is a 400.
 */
export function parseIdempotencyKey(header: string | string[] | undefined): string | undefined {
  const values = header === undefined ? [] : Array.isArray(header) ? header : [header];
  if (values.length === 0) return undefined;
  if (values.length > 1) throw invalid(`${IDEMPOTENCY_KEY_HEADER} must be sent once`);
  const value = (values[0] ?? '').trim();
  const quoted = SF_STRING.exec(value);
  const key = quoted ? (quoted[1] ?? '').replace(/\\(["\\])/g, '$1') : BARE.test(value) ? value : undefined;
  if (key === undefined) {
    throw invalid(
      `${IDEMPOTENCY_KEY_HEADER} must be a quoted string of printable ASCII ("key"), or a key of letters, digits and ._~+/=:- sent bare, once`,
    );
  }
  if (key.length === 0 || key.length > MAX_LENGTH) {
    throw invalid(`${IDEMPOTENCY_KEY_HEADER} must be 1 to ${MAX_LENGTH} characters long`);
  }
  return key;
}
