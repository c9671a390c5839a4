import type { Incompatibility } from '../incompatibility.ts';
import type { EnumNode } from '../schema-node.ts';
import { checkNames } from './names.ts';

/** Every symbol the writer may write must be known to the reader, unless the reader declares a default symbol. */
export function checkEnum(reader: EnumNode, writer: EnumNode, path: readonly string[]): Incompatibility[] {
  const findings = checkNames(reader, writer, path);
  const missing = writer.symbols.filter((symbol) => !reader.symbols.includes(symbol)).sort();
  const readerHasDefault = reader.default !== undefined && reader.symbols.includes(reader.default);
  if (missing.length > 0 && !readerHasDefault) {
    findings.push({ type: 'MISSING_ENUM_SYMBOLS', path, reader, writer, symbols: missing });
  }
  return findings;
}
