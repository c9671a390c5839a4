/** A schema the generator cannot turn into TypeScript without ambiguity; names the subject at fault. */
export class CodegenError extends Error {
  override name = 'CodegenError';
  readonly subject: string;

  constructor(subject: string, message: string) {
    super(`${subject}: ${message}`);
    this.subject = subject;
  }
}
