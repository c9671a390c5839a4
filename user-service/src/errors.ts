export type UserServiceErrorCode =
  | 'VALIDATION_FAILED' // request body breaks the registration rules; `details` lists each field
  | 'MALFORMED_BODY' // body is not parseable JSON
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'PAYLOAD_TOO_LARGE'
  | 'CONFLICT' // email or username already taken; `details` names the field
  | 'NOT_FOUND'
  | 'NOT_READY' // a dependency of /readyz is unreachable
  | 'DATABASE_UNAVAILABLE'; // connection-level database failure: retriable

export interface ErrorDetail {
  path: string;
  message: string;
}

export class UserServiceError extends Error {
  readonly code: UserServiceErrorCode;
  readonly retriable: boolean;
  readonly details: ErrorDetail[];

  constructor(
    code: UserServiceErrorCode,
    message: string,
    options: { retriable?: boolean; details?: ErrorDetail[]; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'UserServiceError';
    this.code = code;
    this.retriable = options.retriable ?? false;
    this.details = options.details ?? [];
  }
}
