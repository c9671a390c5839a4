import type { IHeaders } from 'kafkajs';

/** A header's value as text (the first one if it was sent several times). */
export function headerText(headers: IHeaders | undefined, name: string): string | undefined {
  const value = headers?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
}
