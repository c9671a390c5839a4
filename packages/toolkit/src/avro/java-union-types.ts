import avsc from 'avsc';
import { type PendingResolver, readerOf, type Tap } from './avsc-internals.ts';

/** Java's promotions, as its Resolver scans a reader union for them once no branch has the writer's type. */
const promotions = new Map<string, readonly string[]>([
  ['int', ['long', 'float', 'double']],
  ['long', ['float', 'double']],
  ['float', ['double']],
  ['string', ['bytes']],
  ['bytes', ['string']],
]);

/** Java resolves unions ignoring logical types: a `date` branch is an int branch. */
function avroTypeOf(type: avsc.Type): avsc.Type {
  return avsc.Type.isType(type, 'logical') ? (type as avsc.types.LogicalType).underlyingType : type;
}

function kindOf(type: avsc.Type): string {
  return type.typeName === 'error' ? 'record' : type.typeName;
}

function unqualified(name: string): string {
  return name.slice(name.lastIndexOf('.') + 1);
}

/**
 * The reader branch Java's Resolver picks for a (non-union) writer type: the first of the same type, a named type
 * by full name or reader alias first, then by unqualified name as the registry's compatibility check matches
 * names (a record moved to another namespace); else the first branch the writer's type promotes to.
 */
function branchFor(branches: readonly avsc.Type[], writer: avsc.Type): number | undefined {
  const written = avroTypeOf(writer);
  const kind = kindOf(written);
  const candidates = branches.map(avroTypeOf);
  const name = written.name;
  if (name === undefined) {
    const same = candidates.findIndex((branch) => kindOf(branch) === kind);
    if (same >= 0) return same;
  } else {
    const named = candidates.map((branch) => (kindOf(branch) === kind ? branch : undefined));
    const exact = named.findIndex((branch) => branch?.name === name || branch?.aliases?.includes(name));
    if (exact >= 0) return exact;
    const moved = named.findIndex((branch) => branch?.name && unqualified(branch.name) === unqualified(name));
    if (moved >= 0) return moved;
  }
  const promoted = promotions.get(kind) ?? [];
  const index = candidates.findIndex((branch) => promoted.includes(kindOf(branch)));
  return index >= 0 ? index : undefined;
}

type BranchConstructor = (new (value: unknown) => unknown) | null;

/** avsc's union reading, choosing the branch as Java does (avsc takes the first branch that can read). */
function updateUnion(
  union: { types: readonly avsc.Type[] },
  wrap: boolean,
  resolver: PendingResolver,
  writer: avsc.Type,
  opts: unknown,
): void {
  const index = branchFor(union.types, writer);
  if (index === undefined) return; // avsc then reports `cannot read <writer> as <union>`
  const branch = union.types[index] as avsc.Type;
  const read = readerOf(branch.createResolver(writer, opts as Partial<avsc.CreateResolverOptions>));
  if (!wrap) {
    resolver._read = read;
    return;
  }
  const Branch = (branch as unknown as { _branchConstructor: BranchConstructor })._branchConstructor;
  resolver._read = Branch ? (tap: Tap) => new Branch(read(tap)) : () => null;
}

interface CopyOptions {
  /** 2: avsc is parsing a field's default. */
  wrap?: number;
}

type Copy = (value: unknown, opts?: CopyOptions) => unknown;

/** avsc's own (untyped) `_copy` of a union class. */
const avscCopy = (union: { prototype: object }) => (union.prototype as { _copy: Copy })._copy;

/**
 * A field default read as Avro 1.12's Java parser (the registry's) takes it: valid for any branch, the first
 * that fits (avsc, like the specification's text, takes only the first branch and throws otherwise). Reading
 * data written without the field then gives that branch's value, as Java's GenericDatumReader does.
 */
function copyDefault(
  union: { types: readonly avsc.Type[] },
  wrap: boolean,
  value: unknown,
  opts: CopyOptions,
  firstBranch: Copy,
): unknown {
  try {
    return firstBranch(value, opts);
  } catch (error) {
    for (const branch of union.types.slice(1)) {
      let copied: unknown;
      try {
        copied = (branch as unknown as { _copy: Copy })._copy(value, opts);
      } catch {
        continue;
      }
      const Branch = (branch as unknown as { _branchConstructor: BranchConstructor })._branchConstructor;
      return wrap && Branch ? new Branch(copied) : copied;
    }
    throw error;
  }
}

class JavaUnwrappedUnionType extends avsc.types.UnwrappedUnionType {
  _update(resolver: PendingResolver, writer: avsc.Type, opts: unknown): void {
    updateUnion(this, false, resolver, writer, opts);
  }

  _copy(value: unknown, opts?: CopyOptions): unknown {
    const copy: Copy = (v, o) => avscCopy(avsc.types.UnwrappedUnionType).call(this, v, o);
    return opts?.wrap === 2 ? copyDefault(this, false, value, opts, copy) : copy(value, opts);
  }
}

class JavaWrappedUnionType extends avsc.types.WrappedUnionType {
  _update(resolver: PendingResolver, writer: avsc.Type, opts: unknown): void {
    updateUnion(this, true, resolver, writer, opts);
  }

  _copy(value: unknown, opts?: CopyOptions): unknown {
    const copy: Copy = (v, o) => avscCopy(avsc.types.WrappedUnionType).call(this, v, o);
    return opts?.wrap === 2 ? copyDefault(this, true, value, opts, copy) : copy(value, opts);
  }
}

/**
 * A union schema as avsc's `wrapUnions: 'auto'` builds it (wrapped only when two branches would read as the same
 * kind of JavaScript value), with Java's branch choice when resolving: an int written into `["long", "int"]`
 * reads as the int branch, as in Java, not the long one; and Java's field defaults, from any branch.
 */
export function javaUnionType(schema: unknown[], opts: avsc.ForSchemaOptions): avsc.Type {
  const branches = schema.map((branch) => avsc.Type.forSchema(branch as avsc.Schema, opts));
  try {
    return new JavaUnwrappedUnionType(branches as unknown as avsc.Schema, opts);
  } catch {
    // Ambiguous unwrapped (two numbers, two records...): wrapped, as 'auto' decides.
    return new JavaWrappedUnionType(branches as unknown as avsc.Schema, opts);
  }
}
