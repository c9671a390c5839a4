import type { SchemaReference } from '../topic-descriptor.ts';

/**
 * The schemas the registry parses before `root`, in order (Confluent's AbstractSchemaProvider.resolveReferences,
 * which AvroSchema parses into one set of names): references depth first, a reference name taken once, so the
 * first pin of a name met wins. `versionOf` finds a pinned version (and may answer another one in its place).
 */
export function registryOrder<V extends { references: readonly SchemaReference[] }>(
  root: V,
  versionOf: (subject: string, version: number) => V | undefined,
): V[] {
  const order: V[] = [];
  const seen = new Set<string>();
  const visit = (version: V): void => {
    for (const ref of version.references) {
      if (seen.has(ref.name)) continue;
      seen.add(ref.name);
      const target = versionOf(ref.subject, ref.version);
      if (!target) continue;
      visit(target);
      order.push(target);
    }
  };
  visit(root);
  return order;
}
