import { type DocumentNode, parse as parseSyntaxTree, type ValueNode } from '@humanwhocodes/momoa';
import { ServiceError } from '../../errors/service-error.ts';

/**
 * JSON.parse, refusing what it would accept ambiguously: an object with the same key twice (JSON.parse
 * keeps the last one silently). The duplicate check walks momoa's syntax tree, which keeps every member.
 */
export function parseJson(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ServiceError('MALFORMED_BODY', `The body is not valid JSON: ${(error as Error).message}.`, {
      cause: error,
    });
  }
  const duplicate = findDuplicateKey(syntaxTree(text));
  if (duplicate !== undefined) {
    const where = duplicate.path === '' ? 'the top-level object' : `the object at ${duplicate.path}`;
    throw new ServiceError(
      'MALFORMED_BODY',
      `The key ${JSON.stringify(duplicate.key)} appears more than once in ${where} (line ${duplicate.line}, column ${duplicate.column}).`,
      { errors: [{ path: joinPath(duplicate.path, duplicate.key), message: 'duplicate key' }] },
    );
  }
  return value;
}

function syntaxTree(text: string): DocumentNode {
  try {
    return parseSyntaxTree(text, { mode: 'json' });
  } catch (error) {
    // JSON.parse accepted it, so only a nesting deeper than the parser's stack can end up here.
    throw new ServiceError('MALFORMED_BODY', 'The body is nested too deeply.', { cause: error });
  }
}

interface DuplicateKey {
  path: string;
  key: string;
  line: number;
  column: number;
}

const joinPath = (path: string, key: string) => (path === '' ? key : `${path}.${key}`);

/** Iterative, so a deeply nested (but valid) body cannot overflow the stack here. */
function findDuplicateKey(document: DocumentNode): DuplicateKey | undefined {
  const pending: Array<{ node: ValueNode; path: string }> = [{ node: document.body, path: '' }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { node, path } = next;
    if (node.type === 'Array') {
      node.elements.forEach((element, index) => {
        pending.push({ node: element.value, path: joinPath(path, String(index)) });
      });
    } else if (node.type === 'Object') {
      const seen = new Set<string>();
      for (const member of node.members) {
        const key = member.name.type === 'String' ? member.name.value : member.name.name;
        if (seen.has(key)) {
          const { line, column } = member.name.loc.start;
          return { path, key, line, column };
        }
        seen.add(key);
        pending.push({ node: member.value, path: joinPath(path, key) });
      }
    }
  }
  return undefined;
}
