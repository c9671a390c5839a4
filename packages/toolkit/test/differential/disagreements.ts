import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A difference between Java and the toolkit, with the class it is grouped (and asserted) by. */
export interface Disagreement {
  class: string;
  /** Enough to reproduce it: the variant or pair, and both answers. */
  example: string;
}

/** A difference that is not a defect, with the reason; the tests subtract only what one of these names. */
export interface KnownDifference {
  name: string;
  reason: string;
  matches(disagreement: Disagreement): boolean;
}

export interface Grouped {
  class: string;
  count: number;
  example: string;
  known?: KnownDifference;
}

export function groupByClass(list: readonly Disagreement[], known: readonly KnownDifference[]): Grouped[] {
  const groups = new Map<string, Grouped>();
  for (const disagreement of list) {
    const group = groups.get(disagreement.class);
    if (group) {
      group.count += 1;
      continue;
    }
    const match = known.find((difference) => difference.matches(disagreement));
    groups.set(disagreement.class, {
      class: disagreement.class,
      count: 1,
      example: disagreement.example,
      ...(match && { known: match }),
    });
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || (a.class < b.class ? -1 : 1));
}

export function formatGroups(title: string, groups: readonly Grouped[]): string {
  if (groups.length === 0) return `${title}: none`;
  return [
    `${title}: ${groups.reduce((sum, g) => sum + g.count, 0)} in ${groups.length} classes`,
    ...groups.map(
      (group) =>
        `  [${group.count}] ${group.class}${group.known ? ` — known difference "${group.known.name}": ${group.known.reason}` : ''}\n      e.g. ${group.example.replaceAll('\n', '\n      ')}`,
    ),
  ].join('\n');
}

/** Message text with names, numbers and quoted parts blanked, so one defect is one class. */
export function normalizeMessage(message: string): string {
  return message
    .replace(/\/[\w./-]+\/(v\d+\.avsc|[\w.-]+)/g, '<file>')
    .replace(/"[^"]*"/g, '"…"')
    .replace(/`[^`]*`/g, '`…`')
    .replace(/\b[a-z_][\w]*(\.[A-Za-z_]\w*)+\b/g, '<name>')
    .replace(/-?\d+(\.\d+)?/g, 'N')
    .slice(0, 160);
}

/** Every disagreement, with its class, to a JSON file in `dir`; returns the file. */
export function writeFullList(dir: string, name: string, list: readonly Disagreement[]): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.json`);
  writeFileSync(file, `${JSON.stringify(list, null, 2)}\n`);
  return file;
}
