/** Prints the message to stderr and exits with `code`: the one way the CLIs fail. */
export function failWith(message: string, code: number): never {
  console.error(message);
  process.exit(code);
}
