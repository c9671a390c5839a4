/** A parsed Avro schema reduced to what schema resolution looks at; named types are shared objects. */
export type SchemaNode = PrimitiveNode | RecordNode | EnumNode | FixedNode | ArrayNode | MapNode | UnionNode;

export type PrimitiveType = 'null' | 'boolean' | 'int' | 'long' | 'float' | 'double' | 'bytes' | 'string';

export interface PrimitiveNode {
  type: PrimitiveType;
  /** Schema resolution ignores it; what a value means (and a key's bytes for one value) does not. */
  logical?: LogicalTypeNode;
}

/** A `logicalType` as written: its name, and for a decimal the scale that places the point. */
export interface LogicalTypeNode {
  name: string;
  scale?: number;
}

interface Named {
  /** Full name, e.g. `events.user.UserRegister`. */
  fullName: string;
  /** Name without namespace: what Java's SchemaCompatibility compares. */
  name: string;
  /** Fully qualified aliases. */
  aliases: string[];
}

export interface FieldNode {
  name: string;
  aliases: string[];
  type: SchemaNode;
  hasDefault: boolean;
}

export interface RecordNode extends Named {
  type: 'record';
  fields: FieldNode[];
}

export interface EnumNode extends Named {
  type: 'enum';
  symbols: string[];
  default: string | undefined;
}

export interface FixedNode extends Named {
  type: 'fixed';
  size: number;
  logical?: LogicalTypeNode;
}

export interface ArrayNode {
  type: 'array';
  items: SchemaNode;
}

export interface MapNode {
  type: 'map';
  values: SchemaNode;
}

export interface UnionNode {
  type: 'union';
  branches: SchemaNode[];
}

/** A short, readable rendering of a type for messages: `int`, `record Address`, `array<string>`. */
export function describeType(node: SchemaNode): string {
  switch (node.type) {
    case 'record':
    case 'enum':
      return `${node.type} ${node.name}`;
    case 'fixed':
      return `fixed ${node.name} (${node.size} bytes)`;
    case 'array':
      return `array<${describeType(node.items)}>`;
    case 'map':
      return `map<${describeType(node.values)}>`;
    case 'union':
      return `[${node.branches.map(describeType).join(', ')}]`;
    default:
      return node.type;
  }
}
