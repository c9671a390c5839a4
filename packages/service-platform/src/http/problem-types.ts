import { type FieldError, ServiceError } from '../errors/service-error.ts';

/**
 * Every error code a client can receive, with its one HTTP status and title: the same kind of mistake
 * gets the same answer from every service. A service's error whose code is not here is internal
 * (500), or unavailable (503) when it is retriable.
 */
const PROBLEM_TYPES = {
  BAD_REQUEST: { status: 400, title: 'The request is malformed' },
  VALIDATION_FAILED: { status: 400, title: 'The request breaks a validation rule' },
  MALFORMED_BODY: { status: 400, title: 'The request body cannot be read' },
  NOT_FOUND: { status: 404, title: 'Not found' },
  REQUEST_TIMEOUT: { status: 408, title: 'The request took too long to arrive' },
  CONFLICT: { status: 409, title: 'The request conflicts with existing data' },
  IDEMPOTENCY_KEY_IN_USE: {
    status: 409,
    title: 'A request with this Idempotency-Key is still being processed',
  },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'The request body is too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'The request body has an unsupported format' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, title: 'This Idempotency-Key was used for another request' },
  HEADERS_TOO_LARGE: { status: 431, title: 'The request headers are too large' },
  INTERNAL: { status: 500, title: 'Internal server error' },
  NOT_READY: { status: 503, title: 'A dependency is unreachable' },
  UNAVAILABLE: { status: 503, title: 'The service is temporarily unavailable' },
  // Not a failure: the write was sent and its answer lost, so it may have happened (the detail says how to learn).
  OUTCOME_UNKNOWN: { status: 503, title: 'Whether the request took effect is unknown' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ProblemCode = keyof typeof PROBLEM_TYPES;

/** RFC 9457 problem details, plus our `code`, `requestId` and per-field `errors`. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code: ProblemCode;
  requestId?: string;
  errors?: FieldError[];
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const isProblemCode = (code: string): code is ProblemCode => Object.hasOwn(PROBLEM_TYPES, code);

/** A stable identifier per code; a URN because nothing serves documentation at a URL (yet). */
const problemType = (code: ProblemCode) =>
  `urn:typed-kafka-events:problem:${code.toLowerCase().replaceAll('_', '-')}`;

export function problem(
  code: ProblemCode,
  detail: string,
  extra: { instance?: string; requestId?: string; errors?: FieldError[] } = {},
): ProblemDetails {
  const { status, title } = PROBLEM_TYPES[code];
  return {
    type: problemType(code),
    title,
    status,
    detail,
    ...(extra.instance === undefined ? {} : { instance: extra.instance }),
    code,
    ...(extra.requestId === undefined ? {} : { requestId: extra.requestId }),
    ...(extra.errors && extra.errors.length > 0 ? { errors: extra.errors } : {}),
  };
}

/** Errors of the http-errors family (thrown by Express itself, e.g. a path it cannot decode). */
function isClientHttpError(error: unknown): error is { status: number; message: string; expose: true } {
  const candidate = error as { status?: unknown; expose?: unknown } | null;
  return (
    typeof candidate?.status === 'number' &&
    candidate.status >= 400 &&
    candidate.status < 500 &&
    candidate.expose === true
  );
}

/**
 * The one mapping from errors to problem details. 5xx answers never carry the error's own message
 * unless it is one of ours (a ServiceError), and even then never its cause.
 */
export function problemFromError(
  error: unknown,
  context: { instance: string; requestId: string },
): ProblemDetails {
  if (error instanceof ServiceError) {
    if (isProblemCode(error.code)) {
      return problem(error.code, error.message, { ...context, errors: error.errors });
    }
    if (error.retriable)
      return problem('UNAVAILABLE', 'A dependency is unavailable; try again shortly.', context);
  } else if (isClientHttpError(error)) {
    return problem('BAD_REQUEST', error.message, context);
  }
  return problem('INTERNAL', 'Internal server error.', context);
}
