/**
 * Bodies pretty-printed for reading in conformance.html. Only layout changes: every token —
 * strings, numbers, tags, attributes, text — is kept exactly as received (JSON is re-indented, never
 * parsed into values and written again, so `1e400` or a duplicate key shows as it came; text inside
 * an XML element, spaces included, stays on one line with its tags). A body that is neither JSON nor
 * XML, or that the tokenizer cannot read whole, is shown as received.
 */

export interface Pretty {
  readonly text: string;
  /** Whether `text` differs from the body as received (a note then says so). */
  readonly changed: boolean;
}

const INDENT = '  ';

/** The body laid out for reading, when it is JSON or XML; otherwise as it is. */
export function prettyBody(body: string): Pretty {
  const trimmed = body.trim();
  let text: string | undefined;
  if (/^[[{]/.test(trimmed)) text = prettyJson(trimmed);
  else if (trimmed.startsWith('<')) text = prettyXml(trimmed);
  return text === undefined || text === body ? { text: body, changed: false } : { text, changed: true };
}

/** Valid JSON re-indented token by token; undefined when it is not valid JSON. */
export function prettyJson(json: string): string | undefined {
  try {
    JSON.parse(json);
  } catch {
    return undefined;
  }
  let out = '';
  let depth = 0;
  const newline = () => `\n${INDENT.repeat(depth)}`;
  for (let i = 0; i < json.length; i++) {
    const ch = json[i]!;
    if (ch === '"') {
      let j = i + 1;
      while (j < json.length && json[j] !== '"') j += json[j] === '\\' ? 2 : 1;
      out += json.slice(i, j + 1);
      i = j;
    } else if (ch === '{' || ch === '[') {
      const close = ch === '{' ? '}' : ']';
      const rest = json.slice(i + 1).trimStart();
      if (rest.startsWith(close)) {
        out += ch + close;
        i = json.indexOf(close, i + 1);
      } else {
        depth++;
        out += ch + newline();
      }
    } else if (ch === '}' || ch === ']') {
      depth--;
      out += newline() + ch;
    } else if (ch === ',') out += `,${newline()}`;
    else if (ch === ':') out += ': ';
    else if (!/\s/.test(ch)) out += ch;
  }
  return out;
}

type XmlToken = { kind: 'open' | 'close' | 'empty' | 'other' | 'text'; text: string; name?: string };

const XML_TOKEN = /<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!DOCTYPE(?:[^[>]|\[[\s\S]*?\])*>|<\/?[^\s<>/!?"'=][^\s<>/"'=]*(?:\s+[^\s<>/"'=]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*\/?>/g;

function xmlTokens(xml: string): XmlToken[] | undefined {
  const tokens: XmlToken[] = [];
  let last = 0;
  for (const m of xml.matchAll(XML_TOKEN)) {
    const between = xml.slice(last, m.index);
    if (between.includes('<')) return undefined; // markup the tokenizer did not read
    if (between) tokens.push({ kind: 'text', text: between });
    const t = m[0];
    const name = /^<\/?([^\s<>/]+)/.exec(t)?.[1];
    if (t.startsWith('</')) tokens.push({ kind: 'close', text: t, ...(name ? { name } : {}) });
    else if (/^<[!?]/.test(t)) tokens.push({ kind: 'other', text: t });
    else if (t.endsWith('/>')) tokens.push({ kind: 'empty', text: t });
    else tokens.push({ kind: 'open', text: t, ...(name ? { name } : {}) });
    last = m.index + t.length;
  }
  if (last < xml.length) {
    if (xml.slice(last).includes('<')) return undefined;
    tokens.push({ kind: 'text', text: xml.slice(last) });
  }
  return tokens;
}

/** XML indented by element; text stays on the line of its element. Undefined when it cannot be read. */
export function prettyXml(xml: string): string | undefined {
  const tokens = xmlTokens(xml);
  if (!tokens || !tokens.some((t) => t.kind === 'open' || t.kind === 'empty')) return undefined;
  const lines: string[] = [];
  let depth = 0;
  const line = (text: string) => lines.push(INDENT.repeat(Math.max(0, depth)) + text);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'text') {
      if (t.text.trim() !== '') line(t.text);
      continue;
    }
    if (t.kind === 'open') {
      // <a>text</a>, <a></a> and <a><![CDATA[…]]></a> stay on one line, text exactly as it came.
      const next = tokens[i + 1];
      const after = tokens[i + 2];
      if (next?.kind === 'close' && next.name === t.name) {
        line(t.text + next.text);
        i += 1;
        continue;
      }
      if ((next?.kind === 'text' || (next?.kind === 'other' && next.text.startsWith('<![CDATA['))) && after?.kind === 'close' && after.name === t.name) {
        line(t.text + next.text + after.text);
        i += 2;
        continue;
      }
      line(t.text);
      depth++;
      continue;
    }
    if (t.kind === 'close') {
      depth--;
      line(t.text);
      continue;
    }
    line(t.text);
  }
  return lines.join('\n');
}
