import { findNodeAtLocation, type JSONPath, type Node, parseTree } from 'jsonc-parser';

export interface Position {
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units like an editor's column. */
  column: number;
}

/**
 * Line and column of a JSON node in a file's text, found by its JSON path (`['fields', 2, 'type']`). A path
 * that does not exist in the text points at its longest existing prefix. A property's value points at its key,
 * and an object carrying a `name` at that `"name"`, which is how a reader finds a field or type. The text is
 * parsed on first use only.
 */
export function sourcePositions(text: string): (path: JSONPath) => Position {
  let root: Node | undefined;
  let lineStarts: number[] | undefined;
  return (path) => {
    root ??= parseTree(text) ?? { type: 'null', offset: 0, length: 0 };
    lineStarts ??= startsOfLines(text);
    return positionOf(nodeAt(root, path).offset, lineStarts);
  };
}

function nodeAt(root: Node, path: JSONPath): Node {
  for (let length = path.length; length >= 0; length -= 1) {
    const node = findNodeAtLocation(root, path.slice(0, length));
    if (!node) continue;
    const name = node.type === 'object' ? findNodeAtLocation(node, ['name']) : undefined;
    const target = name ?? node;
    // The property (`"name": ...`), not its value, so the column lands on the start of the declaration.
    return target.parent?.type === 'property' ? target.parent : target;
  }
  return root;
}

function startsOfLines(text: string): number[] {
  const starts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) {
    starts.push(index + 1);
  }
  return starts;
}

function positionOf(offset: number, lineStarts: readonly number[]): Position {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if ((lineStarts[middle] ?? 0) <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low + 1, column: offset - (lineStarts[low] ?? 0) + 1 };
}
