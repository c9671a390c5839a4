export type CompatibilityInputErrorCode = 'INVALID_SCHEMA' | 'INVALID_LEVEL';

/** Thrown for bad input to the checker (never for an incompatibility, which is a result). */
export class CompatibilityInputError extends Error {
  override name = 'CompatibilityInputError';
  readonly code: CompatibilityInputErrorCode;
  readonly retriable = false;

  constructor(code: CompatibilityInputErrorCode, message: string, options?: { cause: unknown }) {
    super(message, options);
    this.code = code;
  }
}
