import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';

/**
 * Appends `text` as character data, exactly. xmlbuilder2 deliberately leaves an `&` that starts
 * something shaped like an entity reference (`&amp;`, `&#65;`, `&x;`) unescaped, so the literal
 * text "AT&amp;T" would be read back as "AT&T". Escaping every `&` first makes each one an
 * `&amp;`, which xmlbuilder2 then passes through unchanged.
 */
export function appendText(el: XMLBuilder, text: string): XMLBuilder {
  return el.txt(text.replace(/&/g, '&amp;'));
}

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** `text` as XML character data: `&`, `<` and `>` escaped, nothing else. */
export const escapeXmlText = (text: string): string => (/[&<>]/.test(text) ? text.replace(/[&<>]/g, (c) => ESCAPES[c]!) : text);

/** `text` as a double-quoted XML attribute value: `&`, `<`, `>` and `"` escaped. */
export const escapeXmlAttribute = (text: string): string => (/[&<>"]/.test(text) ? text.replace(/[&<>"]/g, (c) => ESCAPES[c]!) : text);
