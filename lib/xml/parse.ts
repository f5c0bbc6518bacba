/**
 * Namespace-aware XML reading on top of fast-xml-parser. The parser gives ordered nodes with raw
 * prefixes; this module resolves every element and attribute to (namespace URI, local name), so
 * callers compare names the way XML does and never by prefix (docs/PLATFORM-NOTES.md
 * §datacontract-xml: prefixes are invented per nesting depth, names are namespace URI + local name).
 *
 * Hostile input: a DOCTYPE (and with it every entity declaration) is refused before parsing, and
 * only the five predefined entities and character references are decoded, so no entity is ever
 * expanded and no external resource is ever read.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { XMLNS_NS } from './write.ts';

export const XML_NS = 'http://www.w3.org/XML/1998/namespace';

export interface XmlAttribute {
  readonly ns: string;
  readonly local: string;
  /** Prefix as written; informational only. */
  readonly prefix: string;
  readonly value: string;
}

export interface XmlElement {
  readonly ns: string;
  readonly local: string;
  /** Prefix as written; informational only (reports show it), never used to match. */
  readonly prefix: string;
  readonly attributes: readonly XmlAttribute[];
  readonly children: readonly XmlElement[];
  /** Concatenated character data directly inside this element (text and CDATA), decoded. */
  readonly text: string;
  /** Namespace declarations in scope at this element (prefix '' is the default namespace). */
  readonly scope: ReadonlyMap<string, string>;
}

export type XmlErrorKind = 'dtd' | 'malformed';

export class XmlReadError extends Error {
  constructor(
    readonly kind: XmlErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'XmlReadError';
  }
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  // Entities are decoded below, strictly (XML's five and character references only).
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  cdataPropName: '#cdata',
  // No callback reads the element path: without this, the parser writes it out as a string for
  // every element and attribute it reads.
  jPath: false,
});

const PREDEFINED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes XML's predefined entities and character references; anything else is malformed. */
export function decodeEntities(raw: string): string {
  return raw.replace(/&([^;&\s]*);?/g, (whole, name: string) => {
    if (!whole.endsWith(';')) throw new XmlReadError('malformed', `bare '&' in character data near "${whole}"`);
    const predefined = PREDEFINED[name];
    if (predefined !== undefined) return predefined;
    const m = /^#(?:x([0-9a-fA-F]+)|([0-9]+))$/.exec(name);
    if (m) {
      const code = m[1] !== undefined ? parseInt(m[1], 16) : parseInt(m[2] ?? '', 10);
      if (!isXmlChar(code)) throw new XmlReadError('malformed', `character reference &${name}; is not an XML character`);
      return String.fromCodePoint(code);
    }
    throw new XmlReadError('malformed', `undeclared entity &${name}; (entities are never expanded)`);
  });
}

function isXmlChar(c: number): boolean {
  return c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);
}

/** True when the document declares a DTD (and so may declare entities). */
export function hasDoctype(xml: string): boolean {
  return /<!DOCTYPE/i.test(xml) || /<!ENTITY/i.test(xml);
}

type RawNode = Record<string, unknown>;

/**
 * The answers read last, by their text, with what reading them gave ({@link parseAnswerXml}).
 * Small documents only, and only a few.
 */
const recentAnswers = new Map<string, XmlElement | XmlReadError>();
const RECENT_ANSWERS = 16;
const RECENT_MAX_CHARS = 64 * 1024;

/**
 * {@link parseXml} for a gateway's answer, which each check that judges it reads (a run read 954
 * documents, 497 of them different): the last few answers read are kept with their tree, or their
 * error — a read is a pure function of the text, and the tree is immutable. Only the checks read
 * through it: a gateway (the reference) reads every request afresh, as a real one would.
 */
export function parseAnswerXml(xml: string): XmlElement {
  // A large answer is neither kept nor looked up.
  if (xml.length > RECENT_MAX_CHARS) return parseXml(xml);
  const known = recentAnswers.get(xml);
  if (known instanceof XmlReadError) throw new XmlReadError(known.kind, known.message);
  if (known !== undefined) return known;
  let read: XmlElement | XmlReadError;
  try {
    read = parseXml(xml);
  } catch (e) {
    if (!(e instanceof XmlReadError)) throw e;
    read = e;
  }
  if (recentAnswers.size >= RECENT_ANSWERS) recentAnswers.delete(recentAnswers.keys().next().value!);
  recentAnswers.set(xml, read);
  if (read instanceof XmlReadError) throw read;
  return read;
}

/**
 * Parses a complete XML document into its root element. Throws {@link XmlReadError} with kind
 * `dtd` for any DOCTYPE / ENTITY declaration, and `malformed` for anything not well-formed.
 */
export function parseXml(xml: string): XmlElement {
  if (hasDoctype(xml)) throw new XmlReadError('dtd', 'DTDs are prohibited in this XML document');
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new XmlReadError('malformed', `${valid.err.msg} (line ${valid.err.line})`);
  let nodes: RawNode[];
  try {
    nodes = parser.parse(xml) as RawNode[];
  } catch (e) {
    throw new XmlReadError('malformed', (e as Error).message);
  }
  const elements = nodes.filter((n) => elementName(n) !== undefined);
  const strayText = nodes.some((n) => typeof n['#text'] === 'string' && (n['#text'] as string).trim() !== '');
  if (elements.length !== 1 || strayText) throw new XmlReadError('malformed', 'a document must have exactly one root element');
  // fast-xml-parser lets text after a self-closed root through; only whitespace, comments and
  // processing instructions may follow the root element.
  const tail = withoutTrailingMisc(xml);
  const rootName = elementName(elements[0]!)!;
  const closesRoot = tail.endsWith(`</${rootName}>`) || new RegExp(`</${rootName.replace(/[.]/g, '\\.')}\\s+>$`).test(tail);
  if (!closesRoot && !/<[^<>]*\/>$/.test(tail)) {
    throw new XmlReadError('malformed', 'only comments and white space may follow the root element');
  }
  return toElement(elements[0]!, new Map([['xml', XML_NS]]));
}

/**
 * `xml` without the white space, comments and processing instructions after its last element.
 * A linear scan from the end: a regex anchored at `$` would be quadratic on long white-space runs.
 */
function withoutTrailingMisc(xml: string): string {
  let end = xml.length;
  for (;;) {
    while (end > 0 && /\s/.test(xml[end - 1]!)) end--;
    if (xml.startsWith('-->', end - 3)) {
      const start = xml.lastIndexOf('<!--', end - 3);
      if (start < 0) break;
      end = start;
    } else if (xml.startsWith('?>', end - 2)) {
      const start = xml.lastIndexOf('<?', end - 2);
      if (start < 0) break;
      end = start;
    } else break;
  }
  return xml.slice(0, end);
}

function elementName(node: RawNode): string | undefined {
  return Object.keys(node).find((k) => k !== ':@' && k !== '#text' && k !== '#cdata');
}

function splitName(qname: string): [prefix: string, local: string] {
  const i = qname.indexOf(':');
  return i < 0 ? ['', qname] : [qname.slice(0, i), qname.slice(i + 1)];
}

function toElement(node: RawNode, parentScope: ReadonlyMap<string, string>): XmlElement {
  const qname = elementName(node)!;
  const rawAttrs = (node[':@'] ?? {}) as Record<string, string>;
  // A new scope only where the element declares a namespace; otherwise its parent's is shared.
  let scope = parentScope;
  for (const [name, value] of Object.entries(rawAttrs)) {
    if (name !== 'xmlns' && !name.startsWith('xmlns:')) continue;
    if (scope === parentScope) scope = new Map(parentScope);
    (scope as Map<string, string>).set(name === 'xmlns' ? '' : name.slice(6), decodeEntities(value));
  }
  const [prefix, local] = splitName(qname);
  const ns = scope.get(prefix);
  if (ns === undefined && prefix !== '') throw new XmlReadError('malformed', `unbound namespace prefix '${prefix}' on <${qname}>`);

  const attributes: XmlAttribute[] = [];
  for (const [name, value] of Object.entries(rawAttrs)) {
    if (name === 'xmlns' || name.startsWith('xmlns:')) {
      attributes.push({ ns: XMLNS_NS, local: name === 'xmlns' ? '' : name.slice(6), prefix: 'xmlns', value: decodeEntities(value) });
      continue;
    }
    const [ap, al] = splitName(name);
    // Unprefixed attributes are in no namespace (XML Namespaces §6.2).
    const ans = ap === '' ? '' : scope.get(ap);
    if (ans === undefined) throw new XmlReadError('malformed', `unbound namespace prefix '${ap}' on attribute ${name}`);
    attributes.push({ ns: ans, local: al, prefix: ap, value: decodeEntities(value) });
  }

  const children: XmlElement[] = [];
  let text = '';
  for (const child of (node[qname] ?? []) as RawNode[]) {
    if (typeof child['#text'] === 'string') text += decodeEntities(child['#text']);
    else if (Array.isArray(child['#cdata'])) {
      for (const c of child['#cdata'] as RawNode[]) if (typeof c['#text'] === 'string') text += c['#text'];
    } else if (elementName(child) !== undefined) children.push(toElement(child, scope));
  }
  return { ns: ns ?? '', local, prefix, attributes, children, text, scope };
}

export function attr(el: XmlElement, ns: string, local: string): string | undefined {
  return el.attributes.find((a) => a.ns === ns && a.local === local)?.value;
}

export function child(el: XmlElement, ns: string, local: string): XmlElement | undefined {
  return el.children.find((c) => c.ns === ns && c.local === local);
}

/** `{ns}local`, for messages. */
export function qualifiedName(el: { ns: string; local: string }): string {
  return el.ns ? `{${el.ns}}${el.local}` : el.local;
}
