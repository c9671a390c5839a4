import type { FieldNode, SchemaNode } from '../compatibility/schema-node.ts';

export type NamedNode = Extract<SchemaNode, { fullName: string }>;

/** Every named type reachable from `root`, by full name. */
export function namedNodesOf(root: SchemaNode): Map<string, NamedNode> {
  const found = new Map<string, NamedNode>();
  const visit = (node: SchemaNode): void => {
    if ('fullName' in node) {
      if (found.has(node.fullName)) return;
      found.set(node.fullName, node);
    }
    if (node.type === 'record') for (const field of node.fields) visit(field.type);
    else if (node.type === 'array') visit(node.items);
    else if (node.type === 'map') visit(node.values);
    else if (node.type === 'union') for (const branch of node.branches) visit(branch);
  };
  visit(root);
  return found;
}

/**
 * A user's resolved schema with some named types defined anew: one definition per full name wherever the
 * schema uses it, as the registry's parser holds them. `replacements` gives the new definitions (their nested
 * types are looked up by name here too); every other type keeps the user's definition, so a nested type a new
 * version stopped using stays defined for the user fields that still use it.
 */
export function substituteNamedTypes(
  root: SchemaNode,
  replacements: ReadonlyMap<string, NamedNode>,
): SchemaNode {
  const own = namedNodesOf(root);
  const definitionOf = (name: string): NamedNode => {
    const chosen = replacements.get(name) ?? own.get(name);
    if (!chosen) throw new Error(`no definition of ${name}`);
    return chosen;
  };
  const copies = new Map<string, NamedNode>();
  const copyNamed = (name: string): NamedNode => {
    const known = copies.get(name);
    if (known) return known;
    const source = definitionOf(name);
    if (source.type !== 'record') {
      copies.set(name, source);
      return source;
    }
    const record = { ...source, fields: [] as FieldNode[] };
    // Registered before the fields so recursive references resolve to this same object.
    copies.set(name, record);
    for (const field of source.fields) record.fields.push({ ...field, type: copy(field.type) });
    return record;
  };
  const copy = (node: SchemaNode): SchemaNode => {
    switch (node.type) {
      case 'record':
      case 'enum':
      case 'fixed':
        return copyNamed(node.fullName);
      case 'array':
        return { ...node, items: copy(node.items) };
      case 'map':
        return { ...node, values: copy(node.values) };
      case 'union':
        return { ...node, branches: node.branches.map(copy) };
      default:
        return node;
    }
  };
  return copy(root);
}
