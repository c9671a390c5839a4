import { type CompatibilityFinding, type Direction, findingOf } from '../findings/finding.ts';
import type { RuleId } from '../findings/rules.ts';
import { formatPath, type Incompatibility } from './incompatibility.ts';
import { describeType, type SchemaNode } from './schema-node.ts';

/** Turns a reader/writer incompatibility into a finding stated in terms of the new schema and the earlier version. */
export function explainFinding(
  finding: Incompatibility,
  direction: Direction,
  version: number,
): CompatibilityFinding {
  const old = `v${version}`;
  const backward = direction === 'BACKWARD';
  const consequence = backward
    ? `consumers on the new schema cannot read events written with ${old}`
    : `consumers still on ${old} cannot read events written with the new schema`;
  const path = formatPath(finding.path);
  const where = path === '' ? 'the top-level type' : `\`${path}\``;
  const newSide = backward ? finding.reader : finding.writer;
  const oldSide = backward ? finding.writer : finding.reader;
  const explained = explain(finding, { backward, old, where, newSide, oldSide });
  const details = {
    version,
    direction,
    path,
    avroType: finding.type,
    ...(finding.type === 'MISSING_UNION_BRANCH' &&
      'fullName' in finding.writer && { branch: finding.writer.fullName }),
  };
  return {
    ...findingOf(explained.ruleId, { message: `${explained.what}: ${consequence}`, fix: explained.fix }),
    compatibility: details,
  };
}

interface Sides {
  backward: boolean;
  old: string;
  where: string;
  newSide: SchemaNode;
  oldSide: SchemaNode;
}

function explain(finding: Incompatibility, s: Sides): { ruleId: RuleId; what: string; fix: string } {
  const code = (node: SchemaNode) => `\`${describeType(node)}\``;
  switch (finding.type) {
    case 'READER_FIELD_MISSING_DEFAULT_VALUE': {
      const name = finding.field?.name ?? '';
      if (s.backward) {
        const type = finding.field ? describeType(finding.field.type) : 'string';
        const nullable =
          finding.field?.type.type === 'union' ? 'with `null` first' : `\`["null","${type}"]\``;
        return {
          ruleId: 'field-added-without-default',
          what: `field \`${name}\` was added without a default`,
          fix: `give it a default, or make it ${nullable} with default null`,
        };
      }
      return {
        ruleId: 'field-removed-without-default',
        what: `field \`${name}\` was removed (or renamed), but ${s.old} declares it without a default`,
        fix: `keep \`${name}\` in the new schema; only a field that every older reader has a default for can be removed`,
      };
    }
    case 'TYPE_MISMATCH': {
      const branch = finding.branch
        ? s.backward
          ? `, which cannot read its \`${describeType(finding.branch)}\` branch`
          : ` and ${s.old} cannot read its \`${describeType(finding.branch)}\` branch`
        : '';
      return {
        ruleId: 'type-mismatch',
        what: `${s.where} changed from ${code(s.oldSide)} in ${s.old} to ${code(s.newSide)}${branch}`,
        fix: finding.branch
          ? `keep the type ${code(s.oldSide)}, or add a new field with a default for the new type`
          : `Avro only promotes int → long → float → double and string ↔ bytes: keep ${code(s.oldSide)}, ` +
            'or add a new field with a default for the new type and stop writing this one',
      };
    }
    case 'NAME_MISMATCH': {
      const oldName = named(s.oldSide);
      const newName = named(s.newSide);
      return {
        ruleId: 'name-mismatch',
        what: `${s.where} was renamed from \`${oldName}\` in ${s.old} to \`${newName}\``,
        fix: s.backward
          ? `keep the name \`${oldName}\`, or add \`"aliases": ["${oldName}"]\` to the type in the new schema`
          : `keep the name \`${oldName}\`: readers on ${s.old} know no alias for the new name`,
      };
    }
    case 'FIXED_SIZE_MISMATCH':
      return {
        ruleId: 'fixed-size-mismatch',
        what: `${s.where} changed size from ${size(s.oldSide)} bytes in ${s.old} to ${size(s.newSide)} bytes`,
        fix: 'a fixed type cannot change size: add a new field of the new fixed type with a default instead',
      };
    case 'MISSING_ENUM_SYMBOLS': {
      const symbols = (finding.symbols ?? []).map((symbol) => `\`${symbol}\``).join(', ');
      return s.backward
        ? {
            ruleId: 'missing-enum-symbol',
            what: `enum ${s.where} no longer has ${symbols}, which ${s.old} can write`,
            fix: 'keep the symbols, or give the enum in the new schema a `default` symbol',
          }
        : {
            ruleId: 'missing-enum-symbol',
            what: `enum ${s.where} gained ${symbols}, which ${s.old} does not know and has no enum default for`,
            fix: `do not add symbols while readers on ${s.old} exist: their enum needs a \`default\` symbol first`,
          };
    }
    case 'MISSING_UNION_BRANCH': {
      const writer = code(finding.writer);
      return s.backward
        ? {
            ruleId: 'missing-union-branch',
            what: `${s.where} can no longer hold ${writer}, which ${s.old} can write there`,
            fix: `keep a ${writer} branch in the union`,
          }
        : {
            ruleId: 'missing-union-branch',
            what: `${s.where} can now hold ${writer}, which ${s.old} cannot read there`,
            fix: `do not write ${writer} here while readers on ${s.old} exist`,
          };
    }
  }
}

function named(node: SchemaNode): string {
  return 'fullName' in node ? node.fullName : node.type;
}

function size(node: SchemaNode): number {
  return node.type === 'fixed' ? node.size : 0;
}
