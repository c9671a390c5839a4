/** One field (or path parameter, or header) that broke a rule; `path` is dotted, e.g. `address.lines.0`. */
export interface FieldError {
  path: string;
  message: string;
}

export interface ServiceErrorOptions {
  /** True when the same request or message may succeed later (a dependency was unreachable). */
  retriable?: boolean;
  errors?: FieldError[];
  cause?: unknown;
}

/**
 * The one error model of every service: a string-literal `code`, a `retriable` flag, the fields at fault
 * and the `cause`. HTTP turns the codes it knows into problem details (see http/problem-types.ts).
 */
export class ServiceError<Code extends string = string> extends Error {
  override name = 'ServiceError';
  readonly code: Code;
  readonly retriable: boolean;
  readonly errors: FieldError[];

  constructor(code: Code, message: string, options: ServiceErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retriable = options.retriable ?? false;
    this.errors = options.errors ?? [];
  }
}

export function isServiceError<Code extends string>(
  error: unknown,
  code?: Code,
): error is ServiceError<Code> {
  return error instanceof ServiceError && (code === undefined || error.code === code);
}
