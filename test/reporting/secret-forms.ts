/** Every form a secret can take in output (docs/INTERPRETING.md §secrets), for the tests that show each is masked. */

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const b64url = (s: string) => Buffer.from(s, 'utf8').toString('base64url');

/** Every encoding the brief names, of one text. */
export function formsOf(s: string): Record<string, string> {
  return {
    raw: s,
    'xml named': s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;'),
    'xml text (quotes plain)': s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'),
    'html numeric quotes': s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#39;'),
    'hex character references': s.replace(/[&<>"' ]/g, (c) => `&#x${c.charCodeAt(0).toString(16).toUpperCase()};`),
    json: JSON.stringify(s).slice(1, -1),
    'json \\u escapes': JSON.stringify(s).slice(1, -1).replace(/[<>&']/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
    encodeURIComponent: encodeURIComponent(s),
    'form (+ for space)': new URLSearchParams({ v: s }).toString().slice(2),
    'lowercase percent': encodeURIComponent(s).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
    base64: b64(s),
    'base64 unpadded': b64(s).replace(/=+$/, ''),
    base64url: b64url(s),
    'base64url padded': b64(s).replace(/\+/g, '-').replace(/\//g, '_'),
  };
}

