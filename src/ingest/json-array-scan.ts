// Splits a top-level JSON array into its element texts with their line numbers, without parsing
// the elements, so one malformed element can be reported by line and skipped while the rest load.

export interface ArrayElement {
  readonly text: string;
  /** 1-based line of the element's first character. */
  readonly line: number;
}

export class JsonScanError extends Error {
  constructor(message: string, readonly line: number) {
    super(`line ${line}: ${message}`);
  }
}

const WS = new Set([' ', '\t', '\n', '\r']);

export function scanJsonArray(text: string): ArrayElement[] {
  let i = 0;
  let line = 1;
  const skipWs = () => {
    while (i < text.length && WS.has(text[i] ?? '')) {
      if (text[i] === '\n') line += 1;
      i += 1;
    }
  };
  if (text.charCodeAt(0) === 0xfeff) i = 1; // byte-order mark
  skipWs();
  if (text[i] !== '[') throw new JsonScanError('expected a JSON array', line);
  i += 1;
  const elements: ArrayElement[] = [];
  for (;;) {
    skipWs();
    if (text[i] === ']' && elements.length === 0) break;
    const start = i;
    const startLine = line;
    let depth = 0;
    let inString = false;
    for (; i < text.length; i += 1) {
      const c = text[i];
      if (c === '\n') line += 1;
      if (inString) {
        if (c === '\\') i += 1;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === '{' || c === '[') depth += 1;
      else if (c === '}' || c === ']') {
        if (depth === 0) break;
        depth -= 1;
      } else if (c === ',' && depth === 0) break;
    }
    if (i >= text.length) throw new JsonScanError('unexpected end of input inside the array', line);
    elements.push({ text: text.slice(start, i), line: startLine });
    if (text[i] === ']') break;
    i += 1; // the comma
  }
  i += 1;
  skipWs();
  if (i < text.length) throw new JsonScanError('unexpected text after the array', line);
  return elements;
}
