import type { InvalidField } from '../errors.ts';

/** A value read from valid Avro that JavaScript cannot hold exactly: the read fails rather than round it. */
export class UnrepresentableValue extends Error {
  override name = 'UnrepresentableValue';
  readonly value: number | bigint;

  constructor(value: number | bigint, message: string) {
    super(message);
    this.value = value;
  }
}

// True only inside locateUnrepresentable's synchronous re-decode, so no other decode can see it.
let locating = false;

/**
 * Throws, except while locateUnrepresentable runs: then the error stands in for the value, so that the decoded
 * tree shows where it sits (avsc's readers know no field paths).
 */
export function unrepresentable(value: number | bigint, message: string): UnrepresentableValue {
  const error = new UnrepresentableValue(value, message);
  if (locating) return error;
  throw error;
}

/** Runs `decode` again with stand-ins for unrepresentable values and lists each one by its dotted path. */
export function locateUnrepresentable(decode: () => unknown): InvalidField[] {
  locating = true;
  let decoded: unknown;
  try {
    decoded = decode();
  } finally {
    locating = false;
  }
  const found: InvalidField[] = [];
  collect(decoded, [], found);
  return found;
}

function collect(value: unknown, path: string[], found: InvalidField[]): void {
  if (value instanceof UnrepresentableValue) {
    found.push({ path: path.join('.'), message: value.message });
    return;
  }
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value) || value instanceof Date) return;
  // Records, arrays, maps and wrapped union branches alike: the keys are the path (`lines.0.amount`).
  for (const [key, child] of Object.entries(value)) collect(child, [...path, key], found);
}
