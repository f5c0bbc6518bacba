/**
 * A {@link StreamedBody} made of text and long runs of one character (a valid body padded with
 * 64 MiB of white space): produced chunk by chunk as the client sends it, never held whole, and
 * reproduced by a shell command of the same shape (`printf` for the text, `head -c N /dev/zero | tr`
 * for a run).
 */
import type { StreamedBody } from './client.ts';

/** Text as UTF-8, or `char` (one ASCII character) repeated `count` times. */
export type BodyPart = string | { readonly char: string; readonly count: number };

const CHUNK_BYTES = 64 * 1024;

export function streamedBody(parts: readonly BodyPart[]): StreamedBody {
  for (const p of parts) {
    if (typeof p !== 'string' && (p.char.length !== 1 || p.char.charCodeAt(0) > 0x7e || p.char.charCodeAt(0) < 0x20 || p.char === "'")) {
      throw new Error(`streamedBody: a run must repeat one printable ASCII character other than a quote, not ${JSON.stringify(p.char)}`);
    }
  }
  const length = parts.reduce((n, p) => n + (typeof p === 'string' ? Buffer.byteLength(p) : p.count), 0);
  return {
    length,
    async *stream() {
      for (const p of parts) {
        if (typeof p === 'string') {
          if (p !== '') yield Buffer.from(p, 'utf8');
          continue;
        }
        // One chunk, written again and again: its bytes never change.
        const chunk = Buffer.alloc(Math.min(CHUNK_BYTES, p.count), p.char);
        for (let left = p.count; left > 0; left -= chunk.length) yield left >= chunk.length ? chunk : chunk.subarray(0, left);
      }
    },
    shell: (word) =>
      `{ ${parts
        .filter((p) => p !== '')
        .map((p) => (typeof p === 'string' ? `printf %s ${word(p)}` : `head -c ${p.count} /dev/zero | tr '\\0' '${p.char}'`))
        .join('; ')}; }`,
  };
}
