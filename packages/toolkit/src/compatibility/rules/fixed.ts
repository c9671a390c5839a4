import type { Incompatibility } from '../incompatibility.ts';
import type { FixedNode } from '../schema-node.ts';
import { checkNames } from './names.ts';

export function checkFixed(reader: FixedNode, writer: FixedNode, path: readonly string[]): Incompatibility[] {
  const findings = checkNames(reader, writer, path);
  if (reader.size !== writer.size) findings.push({ type: 'FIXED_SIZE_MISMATCH', path, reader, writer });
  return findings;
}
