import type avsc from 'avsc';
import { isContractLogicalType } from '../avro/logical-types.ts';
import { CodegenError } from './codegen-error.ts';
import { arrayOf, docComment, lowerFirst, propertyKey, quote } from './ts-syntax.ts';
import { unconvertedLogicalTypes } from './unconverted-logical-types.ts';

interface NamedAvroType extends avsc.Type {
  readonly name: string;
}

interface FieldWithDoc extends avsc.types.Field {
  readonly doc?: string;
}

/** Where a named Avro type was declared, so a later subject reusing it imports it instead of redeclaring it. */
export interface DeclaredType {
  fullName: string;
  tsName: string;
  module: string;
  /** The type's full schema (docs and logical types included): two declarations must match exactly. */
  shape: string;
  valueExports: string[];
}

/** What every module of one run shares: the types declared so far, and each named type as written. */
export interface RenderContext {
  declared: Map<string, DeclaredType>;
  /** avsc's Types lose what it does not use (unknown logical types): the schema as written keeps it. */
  definitionOf(fullName: string): Record<string, unknown>;
}

/** Renders avsc Types of one generated module. */
export class ModuleRenderer {
  readonly subject: string;
  /** The specifier other modules import this one by (`./orders-key.ts`). */
  readonly module: string;
  readonly declarations: string[] = [];
  readonly imports = new Map<string, Set<string>>();
  readonly typeExports: string[] = [];
  readonly valueExports: string[] = [];
  readonly #context: RenderContext;

  constructor(subject: string, module: string, context: RenderContext) {
    this.subject = subject;
    this.module = module;
    this.#context = context;
  }

  render(type: avsc.Type): string {
    if (isContractLogicalType(type)) return type.tsType;
    switch (type.typeName) {
      case 'null':
      case 'boolean':
      case 'string':
        return type.typeName;
      case 'int':
      case 'long':
      case 'float':
      case 'double':
        return 'number';
      case 'bytes':
        return 'Buffer';
      case 'array':
        return arrayOf(this.render((type as avsc.types.ArrayType).itemsType));
      case 'map':
        return `Record<string, ${this.render((type as avsc.types.MapType).valuesType as avsc.Type)}>`;
      case 'union:unwrapped':
        return this.#unwrappedUnion((type as avsc.types.UnwrappedUnionType).types);
      case 'union:wrapped':
        return this.#wrappedUnion((type as avsc.types.WrappedUnionType).types);
      case 'record':
      case 'error':
      case 'enum':
      case 'fixed':
        return this.#named(type as NamedAvroType);
      default:
        throw new CodegenError(this.subject, `no TypeScript mapping for Avro type ${type.typeName}`);
    }
  }

  /** avsc reads an unambiguous union as the bare value: `null` goes last so `string | null` reads naturally. */
  #unwrappedUnion(branches: readonly avsc.Type[]): string {
    const rendered = branches.map((branch) => this.render(branch));
    return [...rendered.filter((b) => b !== 'null'), ...rendered.filter((b) => b === 'null')].join(' | ');
  }

  /** avsc wraps an ambiguous union as `{ <branch name>: value }`: one key per branch, the others `never`. */
  #wrappedUnion(branches: readonly avsc.Type[]): string {
    const keyed = branches.filter((branch) => branch.typeName !== 'null');
    const objects = keyed.map((branch) => {
      const members = keyed.map((other) =>
        other === branch
          ? `${propertyKey(branchName(other))}: ${this.render(other)}`
          : `${propertyKey(branchName(other))}?: never`,
      );
      return `{ ${members.join('; ')} }`;
    });
    const hasNull = keyed.length !== branches.length;
    return [...objects, ...(hasNull ? ['null'] : [])].join(' | ');
  }

  #named(type: NamedAvroType): string {
    const fullName = type.name;
    const tsName = fullName.slice(fullName.lastIndexOf('.') + 1);
    const shape = JSON.stringify(type.schema({ exportAttrs: true }));
    const existing = this.#context.declared.get(fullName);
    if (existing) {
      if (existing.shape !== shape) {
        throw new CodegenError(
          this.subject,
          `${fullName} differs from its declaration in ${existing.module}`,
        );
      }
      if (existing.module !== this.module) this.#import(existing.module, existing.tsName);
      return existing.tsName;
    }
    const clash = [...this.#context.declared.values()].find((declared) => declared.tsName === tsName);
    if (clash) {
      throw new CodegenError(this.subject, `${fullName} and ${clash.fullName} would both be named ${tsName}`);
    }
    const declared: DeclaredType = { fullName, tsName, module: this.module, shape, valueExports: [] };
    this.#context.declared.set(fullName, declared);
    this.declarations.push(this.#declaration(type, tsName, declared));
    this.typeExports.push(tsName);
    this.valueExports.push(...declared.valueExports);
    return tsName;
  }

  #declaration(type: NamedAvroType, tsName: string, declared: DeclaredType): string {
    const written = this.#context.definitionOf(type.name);
    const doc = [...(type.doc === undefined ? [] : [type.doc]), ...unconvertedLogicalTypes(written, true)];
    switch (type.typeName) {
      case 'enum': {
        const symbols = (type as unknown as avsc.types.EnumType).symbols;
        const constName = `${lowerFirst(tsName)}Symbols`;
        declared.valueExports.push(constName);
        return (
          `export const ${constName} = [${symbols.map(quote).join(', ')}] as const;\n\n` +
          `${docComment(doc)}export type ${tsName} = (typeof ${constName})[number];\n`
        );
      }
      case 'fixed': {
        const size = (type as unknown as avsc.types.FixedType).size;
        return `${docComment([...doc, `Avro fixed, exactly ${size} bytes.`])}export type ${tsName} = Buffer;\n`;
      }
      default: {
        const fields = (type as unknown as avsc.types.RecordType).fields as FieldWithDoc[];
        // Defaults as written (avsc's defaultValue() gives in-memory values such as Buffers).
        const writtenFields = written.fields as { type: unknown; default?: unknown }[];
        // Render members first: nested named types are declared before the record that uses them.
        const members = fields.map((field, index) => {
          const fieldType = this.render(field.type);
          const writtenField = writtenFields[index];
          const defaultValue = writtenField?.default;
          const fieldDoc = [
            ...(field.doc === undefined ? [] : [field.doc]),
            ...unconvertedLogicalTypes(writtenField?.type, false),
            ...(defaultValue === undefined ? [] : [`@default ${JSON.stringify(defaultValue)}`]),
          ];
          return `${docComment(fieldDoc, '  ')}  ${propertyKey(field.name)}: ${fieldType};\n`;
        });
        return `${docComment(doc)}export interface ${tsName} {\n${members.join('')}}\n`;
      }
    }
  }

  #import(module: string, name: string): void {
    const names = this.imports.get(module) ?? new Set<string>();
    names.add(name);
    this.imports.set(module, names);
  }
}

function branchName(type: avsc.Type): string {
  const name = type.branchName;
  if (name === undefined) throw new Error(`avsc gave no branch name for ${type.typeName}`);
  return name;
}
