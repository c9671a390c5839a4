import type { Catalog, SchemaVersion } from '../catalog/catalog.ts';
import { registryOrder } from '../catalog/registry-order.ts';
import { type NamedNode, namedNodesOf } from './substitute-named-types.ts';

/** Subject → version: what every reference to that subject resolves to instead of its pin. */
export type Pins = ReadonlyMap<string, number>;

/**
 * Which subject version defines each named type `version` can reach, as the registry resolves its references
 * (the first pin of a name wins), with `pins` overriding the pinned versions of some subjects.
 */
export function registryBindings(
  catalog: Catalog,
  version: SchemaVersion,
  pins: Pins = new Map(),
): Map<string, SchemaVersion> {
  const bySubject = new Map(catalog.subjects.map((entry) => [entry.subject, entry]));
  const order = registryOrder(version, (subject, pinned) =>
    bySubject.get(subject)?.versions.find((v) => v.version === (pins.get(subject) ?? pinned)),
  );
  const bound = new Map<string, SchemaVersion>();
  for (const defining of [...order, version])
    for (const name of defining.ownNames) if (!bound.has(name)) bound.set(name, defining);
  return bound;
}

/** The named types whose definition moves to another subject version when `pins` apply: their new nodes. */
export function rebound(catalog: Catalog, version: SchemaVersion, pins: Pins): Map<string, NamedNode> {
  const before = registryBindings(catalog, version);
  const changed = new Map<string, NamedNode>();
  for (const [name, defining] of registryBindings(catalog, version, pins)) {
    if (before.get(name) === defining) continue;
    const node = namedNodesOf(defining.node).get(name);
    if (node) changed.set(name, node);
  }
  return changed;
}
