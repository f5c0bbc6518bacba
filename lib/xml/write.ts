/**
 * A small element tree written straight to a string, byte for byte as xmlbuilder2 serializes the
 * same tree: the documents the suite sends and the reference answers with (DataContract bodies,
 * SOAP envelopes) are written once per request, and building xmlbuilder2's DOM for each cost
 * several times the writing. Names are written as given (`prefix:local`) and every namespace
 * declaration is an attribute the builder adds, so what is written is exactly what was built.
 */
import { escapeXmlAttribute, escapeXmlText } from './text.ts';

/** The namespace of `xmlns` and `xmlns:*` attributes. */
export const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

/** An element: its qualified name as written, in namespace `ns`, with attributes and text or children. */
export interface XmlNode {
  readonly ns: string;
  readonly name: string;
  readonly attributes: readonly XmlNodeAttribute[];
  readonly text?: string;
  readonly children: XmlNode[];
}

export interface XmlNodeAttribute {
  readonly ns: string;
  readonly name: string;
  readonly value: string;
}

/** How text and attribute values are written: each function returns markup. */
export interface XmlEscapes {
  readonly text: (text: string) => string;
  readonly attribute: (value: string) => string;
}

/** `&`, `<` and `>` in text; `&`, `<`, `>` and `"` in attribute values; nothing else. */
export const PLAIN_ESCAPES: XmlEscapes = { text: escapeXmlText, attribute: escapeXmlAttribute };

export interface XmlDocumentOptions {
  /** Write `<?xml version="1.0" encoding="utf-8"?>` first. Default false. */
  readonly declaration?: boolean;
  /** The declaration's encoding name. Default `utf-8`. */
  readonly encoding?: string;
  /** Indent with two spaces. Default false. */
  readonly pretty?: boolean;
  /** Default {@link PLAIN_ESCAPES}. */
  readonly escapes?: XmlEscapes;
}

/** A namespace declaration: `xmlns="uri"` for the empty prefix, `xmlns:prefix="uri"` otherwise. */
export const xmlns = (uri: string, prefix: string): XmlNodeAttribute => ({ ns: XMLNS_NS, name: prefix ? `xmlns:${prefix}` : 'xmlns', value: uri });

/** An element with `attributes` and `children` (or, given a string, that text). */
export function xmlNode(ns: string, name: string, attributes: readonly XmlNodeAttribute[] = [], content: XmlNode[] | string = []): XmlNode {
  return typeof content === 'string' ? { ns, name, attributes, children: [], text: content } : { ns, name, attributes, children: content };
}

/** `root` as a document: the declaration when asked for, then the element (no trailing line break). */
export function writeXmlDocument(root: XmlNode, options: XmlDocumentOptions = {}): string {
  const out: string[] = [];
  if (options.declaration) out.push(`<?xml version="1.0" encoding="${options.encoding ?? 'utf-8'}"?>`, options.pretty ? '\n' : '');
  serialize(root, options.pretty ? 0 : undefined, options.escapes ?? PLAIN_ESCAPES, out);
  return out.join('');
}

/**
 * Writes `e` as xmlbuilder2 serializes the same element: `<x/>` when empty; in `pretty` mode
 * (`depth` given) two spaces a level, an element with text on one line. An empty text is
 * `<x></x>`, but `<x/>` in `pretty` mode (xmlbuilder2 drops it there). Text and attribute values
 * are written by `escapes` (no well-formedness check).
 */
function serialize(e: XmlNode, depth: number | undefined, escapes: XmlEscapes, out: string[]): void {
  const indent = depth === undefined ? '' : '  '.repeat(depth);
  out.push(indent, '<', e.name);
  for (const a of e.attributes) out.push(' ', a.name, '="', escapes.attribute(a.value), '"');
  if ((e.text === undefined || (e.text === '' && depth !== undefined)) && e.children.length === 0) {
    out.push(depth === undefined || depth === 0 ? '/>' : '/>\n');
    return;
  }
  if (e.text !== undefined) {
    out.push('>', escapes.text(e.text), '</', e.name, depth === undefined || depth === 0 ? '>' : '>\n');
    return;
  }
  out.push(depth === undefined ? '>' : '>\n');
  for (const child of e.children) serialize(child, depth === undefined ? undefined : depth + 1, escapes, out);
  out.push(indent, '</', e.name, depth === undefined || depth === 0 ? '>' : '>\n');
}
