/** Prints the message to stderr and exits with `code`: the one way the commands fail. */
export function failWith(message: string, code: number): never {
  console.error(message);
  process.exit(code);
}

/** The `--help` flag every command takes. */
export const helpFlag = { help: { type: 'boolean', short: 'h' } } as const;

/** Prints the usage and exits 0 when --help was given. */
export function exitOnHelp(help: boolean | undefined, usage: string): void {
  if (!help) return;
  console.log(usage);
  process.exit(0);
}
