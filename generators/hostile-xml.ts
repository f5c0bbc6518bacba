/**
 * Hostile bodies for both APIs (docs/INTERPRETING.md §hardening), built from a valid body so that
 * only the hostile part is wrong: a DTD with an internal entity used in a field, an
 * entity-expansion bomb (bounded: fully expanded it is about 1 MB, so sending it is safe), an
 * external entity naming a local file, malformed XML, the wrong namespace, a body that is not
 * valid UTF-8, and a valid body padded to 64 MiB with a comment of white space (so only a size
 * limit can refuse it), streamed so that it is never held whole and stops as soon as the gateway refuses it. Each
 * names the hardening clause it exercises.
 */
import type { ClauseId } from '../contract/index.ts';
import { OVERSIZED_BODY_BYTES } from '../contract/hardening.ts';
import type { StreamedBody } from '../lib/http/client.ts';
import { streamedBody } from '../lib/http/streamed-body.ts';

export interface HostileCase {
  readonly clause: ClauseId;
  readonly name: string;
  /**
   * What to send, as is. Bytes for the one case that is not valid UTF-8 (a string cannot carry
   * them): send them unchanged, never re-encode them. The oversized body is streamed
   * (lib/http/client.ts): 64 MiB is never built in memory.
   */
  readonly body: string | Uint8Array | StreamedBody;
  /**
   * Text that appears in an answer only if the gateway expanded an entity or read a file: the
   * expansion is built from pieces, so the marker itself is never in the request.
   */
  readonly leakMarker?: string;
  /** The body is at most this slow to refuse (the bomb): the request timeout applies. */
  readonly mustAnswerWithinTimeout?: boolean;
}

export const EXPANSION_MARKER = 'XXE-EXPANDED';
/** A line every /etc/passwd has. */
export const PASSWD_MARKER = 'root:x:0:0';

/** Replaces the text of the first element named `local` (any prefix) by `replacement`. */
export function replaceElementText(xml: string, local: string, replacement: string): string {
  const re = new RegExp(`(<(?:[\\w.-]+:)?${local}(?:\\s[^>]*)?>)([^<]*)(</(?:[\\w.-]+:)?${local}>)`);
  if (!re.test(xml)) throw new Error(`hostile-xml: no <${local}> element with text in the body`);
  return xml.replace(re, (_m, open: string, _text: string, close: string) => `${open}${replacement}${close}`);
}

function withDoctype(xml: string, root: string, declarations: string): string {
  const decl = /^<\?xml[^>]*\?>/.exec(xml)?.[0] ?? '';
  return `${decl}<!DOCTYPE ${root} [${declarations}]>${xml.slice(decl.length)}`;
}

export interface HostileOptions {
  /** Operation the clauses belong to. */
  readonly operation: 'put-customer' | 'mark-customer-as-synchronized';
  /** A valid body (no XML declaration needed). */
  readonly validXml: string;
  /** Qualified name of the root element, for the DOCTYPE. */
  readonly rootName: string;
  /** Local name of an element whose text a field-level entity replaces. */
  readonly field: string;
  /**
   * What the internal entity expands to. Default: the expansion marker. For SOAP, the configured
   * customerInternalId, so a gateway that expands entities answers Success and is caught.
   */
  readonly expansion?: string;
  /** Namespace URI of the root, replaced in the wrong-namespace case. */
  readonly rootNamespace: string;
  /**
   * Local name of an element that takes any text, where the non-UTF-8 case puts its Latin-1
   * bytes; default `field`. Choose one a lenient gateway would take, so it answers success and is
   * caught: PutCustomer `CustomerName`; for SOAP `UserId` (an unreadable customerInternalId
   * would only get the InvalidCustomerInternalId fault, which refuses the body anyway).
   */
  readonly freeTextField?: string;
}

const MALFORMED_BODY_REFUSED: Readonly<Record<HostileOptions['operation'], ClauseId>> = {
  'put-customer': 'put-customer/hardening/malformed-body-refused',
  'mark-customer-as-synchronized': 'mark-customer-as-synchronized/hardening/malformed-body-refused',
};

/** Text whose Latin-1 encoding is not UTF-8 (0xFC, "ü", cannot start a UTF-8 sequence). */
export const LATIN1_TEXT = 'M\u00FCller';

/**
 * The valid body as UTF-8 with the text of `local` replaced by {@link LATIN1_TEXT} in Latin-1:
 * what a client that forgot to encode as UTF-8 sends. Every other byte is the valid body's.
 */
export function withLatin1Text(xml: string, local: string): Uint8Array {
  const marker = '\uE000';
  const parts = replaceElementText(xml, local, marker).split(marker);
  if (parts.length !== 2) throw new Error('hostile-xml: the body already holds U+E000');
  const [before = '', after = ''] = parts;
  return new Uint8Array(Buffer.concat([Buffer.from(before, 'utf8'), Buffer.from(LATIN1_TEXT, 'latin1'), Buffer.from(after, 'utf8')]));
}

export function hostileBodies(o: HostileOptions): HostileCase[] {
  // Typed: every operation has each of these hardening clauses, so a mistyped rule does not compile.
  const clause = (rule: 'dtd-refused' | 'entity-bomb-refused' | 'external-entity-refused' | 'malformed-body-refused' | 'oversized-body-refused'): ClauseId => `${o.operation}/hardening/${rule}`;
  const expansion = o.expansion ?? EXPANSION_MARKER;
  const half = Math.ceil(expansion.length / 2);
  // Two entities, so the expanded text never stands in the request itself.
  const internal = `<!ENTITY p1 "${expansion.slice(0, half)}"><!ENTITY p2 "&p1;${expansion.slice(half)}">`;
  const levels = ['<!ENTITY l0 "aaaaaaaaaa">'];
  for (let i = 1; i <= 5; i++) levels.push(`<!ENTITY l${i} "${`&l${i - 1};`.repeat(10)}">`);
  const valid = o.validXml;
  // A comment of white space after the root's start tag: the document stays valid (every XML reader
  // skips it), so only a size limit can refuse it.
  const oversizedPad = OVERSIZED_BODY_BYTES - Buffer.byteLength(valid) - '<!---->'.length;
  const rootStart = valid.indexOf('>', valid.indexOf(`<${o.rootName}`)) + 1;
  return [
    {
      clause: clause('dtd-refused'),
      name: 'a DTD with an internal entity used in a field is refused and never expanded',
      body: withDoctype(replaceElementText(valid, o.field, '&p2;'), o.rootName, internal),
      leakMarker: o.expansion ? undefined : EXPANSION_MARKER,
    },
    {
      clause: clause('entity-bomb-refused'),
      name: 'an entity-expansion bomb (10^6 characters expanded) is refused in time',
      body: withDoctype(replaceElementText(valid, o.field, '&l5;'), o.rootName, levels.join('')),
      leakMarker: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
      mustAnswerWithinTimeout: true,
    },
    {
      clause: clause('external-entity-refused'),
      name: 'an external entity naming /etc/passwd is refused and never resolved',
      body: withDoctype(replaceElementText(valid, o.field, '&xxe;'), o.rootName, '<!ENTITY xxe SYSTEM "file:///etc/passwd">'),
      leakMarker: PASSWD_MARKER,
    },
    { clause: clause('malformed-body-refused'), name: 'a truncated XML body is refused', body: valid.slice(0, Math.floor(valid.length * 0.6)) },
    { clause: clause('malformed-body-refused'), name: 'an undeclared entity is refused', body: replaceElementText(valid, o.field, '&undeclared;') },
    {
      clause: clause('malformed-body-refused'),
      name: 'a root element in the wrong namespace is refused',
      body: valid.replace(o.rootNamespace, 'urn:gateway-conformance:wrong-namespace'),
    },
    {
      clause: MALFORMED_BODY_REFUSED[o.operation],
      name: 'a body that is not valid UTF-8 (Latin-1 bytes in a text field) is refused',
      body: withLatin1Text(valid, o.freeTextField ?? o.field),
    },
    {
      clause: clause('oversized-body-refused'),
      name: `a valid body padded to ${OVERSIZED_BODY_BYTES / (1024 * 1024)} MiB with a comment is refused before it is read whole`,
      body: streamedBody([`${valid.slice(0, rootStart)}<!--`, { char: ' ', count: oversizedPad }, `-->${valid.slice(rootStart)}`]),
    },
  ];
}

/** Malformed JSON bodies for the REST API. */
export function hostileJsonBodies(): HostileCase[] {
  return [
    { clause: 'put-customer/hardening/malformed-body-refused', name: 'truncated JSON is refused', body: '{"CustomerName": "Acme", "ActivationStatus": ' },
    { clause: 'put-customer/hardening/malformed-body-refused', name: 'a JSON array instead of an object is refused', body: '[1, 2, 3]' },
  ];
}
