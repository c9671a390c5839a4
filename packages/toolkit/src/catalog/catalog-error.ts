export type CatalogErrorCode =
  /** A file that is not valid JSON, or a declaration with a missing or wrong field. */
  | 'INVALID_FILE'
  /** A schema uses a name that neither it nor its references define, or a reference points nowhere. */
  | 'UNDEFINED_REFERENCE'
  /** Subjects that reference each other in a loop: no registration order exists. */
  | 'REFERENCE_CYCLE'
  /** Two subjects define the same Avro full name: readers could not tell which one a schema means. */
  | 'DUPLICATE_NAME'
  /** A subject that does not fit its topic's declared subject-name strategy or whose schema does not fit its name. */
  | 'STRATEGY_MISMATCH'
  /** A `<topic>-key` subject for a topic whose key is declared a plain string (or none for an Avro key). */
  | 'KEY_MISMATCH'
  /** A subject folder that belongs to no declared topic and is not named after the type it defines. */
  | 'UNKNOWN_SUBJECT';

/** A catalog that cannot be used; `file` is the file (or folder) to fix. Nothing is generated or registered. */
export class CatalogError extends Error {
  override name = 'CatalogError';
  readonly code: CatalogErrorCode;
  readonly file: string;

  constructor(code: CatalogErrorCode, file: string, message: string) {
    super(`${file}: ${message}`);
    this.code = code;
    this.file = file;
  }
}
