/**
 * badge.svg: a small shields-style badge for a certifying run — "gateway-conformance · certified
 * 0.1.0" in green when the certified verdict is conformant, "not conformant" in red otherwise.
 * Self-contained: no script, no external font, image or link; the text is the suite's own words
 * (the version comes from package.json), escaped all the same.
 */
import type { Certificate } from './certificate.ts';
import { escapeXmlAttribute } from '../lib/xml/text.ts';

export const BADGE_FILE = 'badge.svg';

const LABEL = 'gateway-conformance';
const COLORS = { conformant: '#2e8540', notConformant: '#c62828', label: '#555' } as const;

const esc = escapeXmlAttribute;

/** Approximate width of `text` in 11 px Verdana (shields.io's font), in px. */
const width = (text: string): number => Math.round(text.length * 6.6 + 10);

/** The badge's message: `certified 0.1.0` or `not conformant`. */
export function badgeMessage(c: Pick<Certificate, 'verdict' | 'suite'>): string {
  return c.verdict === 'conformant' ? `certified ${c.suite.version}` : 'not conformant';
}

export function renderBadge(c: Pick<Certificate, 'verdict' | 'suite'>): string {
  const message = badgeMessage(c);
  const color = c.verdict === 'conformant' ? COLORS.conformant : COLORS.notConformant;
  const lw = width(LABEL);
  const mw = width(message);
  const total = lw + mw;
  const title = `${LABEL}: ${message}`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${total}" height="20" role="img" aria-label="${esc(title)}">
<title>${esc(title)}</title>
<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>
<clipPath id="r"><rect width="${total}" height="20" rx="3" fill="#fff"/></clipPath>
<g clip-path="url(#r)"><rect width="${lw}" height="20" fill="${COLORS.label}"/><rect x="${lw}" width="${mw}" height="20" fill="${color}"/><rect width="${total}" height="20" fill="url(#s)"/></g>
<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">
<text x="${lw / 2}" y="14">${esc(LABEL)}</text><text x="${lw + mw / 2}" y="14">${esc(message)}</text>
</g></svg>
`;
}
