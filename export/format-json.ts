/** JSON as the exports write it: two-space indentation, short arrays of scalars on one line. */

const INLINE_WIDTH = 100;

const isScalar = (v: unknown): boolean => v === null || ['string', 'number', 'boolean'].includes(typeof v);

export function formatJson(value: unknown, indent = ''): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every(isScalar)) {
      const inline = `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;
      if (inline.length + indent.length <= INLINE_WIDTH) return inline;
      // A long list of scalars (the 64 state codes): as many per line as fit.
      const inner = `${indent}  `;
      const lines: string[] = [];
      let line = '';
      for (const item of value.map((v) => JSON.stringify(v))) {
        const next = line ? `${line}, ${item}` : item;
        if (line && inner.length + next.length + 1 > INLINE_WIDTH) {
          lines.push(`${line},`);
          line = item;
        } else line = next;
      }
      lines.push(line);
      return `[\n${lines.map((l) => inner + l).join('\n')}\n${indent}]`;
    }
    return `[\n${value.map((v) => `${indent}  ${formatJson(v, `${indent}  `)}`).join(',\n')}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '{}';
    return `{\n${entries.map(([k, v]) => `${indent}  ${JSON.stringify(k)}: ${formatJson(v, `${indent}  `)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}
