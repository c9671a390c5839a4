import { z } from 'zod';

/** A comma-separated list with no empty entries, e.g. `a:9092, b:9092`. */
export const commaList = (entry: z.ZodString = z.string()) =>
  z
    .string()
    .transform((value) => value.split(',').map((item) => item.trim()))
    .pipe(z.array(entry.min(1, 'must not contain empty entries')).min(1));

/** `true`/`false`, `1`/`0`, `yes`/`no`, `on`/`off`. */
export const flag = () => z.stringbool();

export const integer = (min: number, max = Number.MAX_SAFE_INTEGER) =>
  z.coerce.number().int().min(min).max(max);

export const logLevel = () => z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);
