/**
 * An answer's body as the run reads it (docs/INTERPRETING.md §transport): at most `limit` bytes,
 * content codings undone.
 *
 * - **Content codings are decoded.** The suite sends no Accept-Encoding, which by RFC 9110 §12.5.3
 *   makes any coding acceptable, so a gateway (or a front end) may compress every answer. `gzip`,
 *   `x-gzip`, `deflate` (zlib-wrapped as RFC 9110 §8.4.1.2 says, or raw, as some servers send it)
 *   and `br` are decoded, in the reverse of the order they were applied. Any other coding is kept
 *   as received, and the answer says so; so does a stream that is corrupt, with what decoded
 *   before the error.
 * - **The limit counts decoded bytes**, so a compression bomb stays bounded: decoding stops at the
 *   limit (the answer is marked truncated) and at most `limit` bytes are read off the wire.
 * - **Nothing past the limit is buffered.** The bytes are copied into one buffer (sized by the
 *   declared Content-Length when there is one, else grown), the source is destroyed as soon as the
 *   limit is reached, so the connection goes and the rest is never read.
 */
import { Readable } from 'node:stream';
import { type BrotliDecompress, type Gunzip, type Inflate, type InflateRaw, createBrotliDecompress, createGunzip, createInflate, createInflateRaw } from 'node:zlib';

/** The codings decoded (RFC 9110 §8.4.1; `x-gzip` is gzip's old name). */
export const DECODED_CODINGS = ['gzip', 'x-gzip', 'deflate', 'br'] as const;
type Coding = (typeof DECODED_CODINGS)[number];
type Decoder = Gunzip | Inflate | InflateRaw | BrotliDecompress;
const isDecoded = (c: string): c is Coding => (DECODED_CODINGS as readonly string[]).includes(c);

export interface ReadBody {
  /** The body: decoded when its codings could be, at most `limit` bytes. */
  readonly bytes: Buffer;
  /** The (decoded) body was longer than the limit, or more than the limit was sent: `bytes` is its beginning. */
  readonly truncated: boolean;
  /** The content codings undone, as the header names them ('gzip', 'deflate, br'), when any were. */
  readonly decoded?: string;
  /** Why `bytes` is not the decoded body: a coding not decoded, a corrupt stream. */
  readonly note?: string;
}

/** A body source: undici's response body (an async iterable of Buffers that can be destroyed). */
export interface BodySource extends AsyncIterable<Buffer> {
  destroy(error?: Error): unknown;
}

/**
 * Reads `source` up to `limit` bytes, decoding `contentEncoding`. An error of the source itself
 * (a reset, a timeout) is thrown as it came, for the client to classify; a decoding error is not
 * thrown but named in {@link ReadBody.note}.
 */
export async function readBody(source: BodySource, contentEncoding: string | undefined, limit: number, declaredLength?: number): Promise<ReadBody> {
  const codings = (contentEncoding ?? '')
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '' && c !== 'identity');
  const unknown = codings.filter((c) => !isDecoded(c));
  const out = new Accumulator(limit, codings.length === 0 ? declaredLength : undefined);
  if (codings.length === 0 || unknown.length > 0) {
    try {
      for await (const chunk of source) if (!out.add(chunk)) break;
    } finally {
      if (out.full) source.destroy();
    }
    const note = unknown.length > 0 ? `Content-Encoding '${contentEncoding}' is not a coding the suite decodes (${DECODED_CODINGS.join(', ')}): the body is judged as received` : undefined;
    return { bytes: out.bytes(), truncated: out.full, ...(note ? { note } : {}) };
  }

  // Bytes off the wire are bounded too: a stream that decodes to less than it weighs stops there.
  const wire = new Accumulator(limit);
  let sourceError: unknown;
  async function* raw(): AsyncGenerator<Buffer> {
    try {
      for await (const chunk of source) {
        if (!wire.count(chunk)) {
          yield chunk.subarray(0, chunk.length - wire.over);
          return;
        }
        yield chunk;
      }
    } catch (e) {
      sourceError = e;
      throw e;
    }
  }
  let stream: AsyncIterable<Buffer> = raw();
  const decoders: Decoder[] = [];
  for (const coding of [...codings].reverse()) {
    const inner = stream;
    stream = decode(inner, coding as Coding, decoders);
  }
  let note: string | undefined;
  // Iterated by hand: leaving a for-await would wait for the generators to return, and they wait
  // for the source's next chunk; the source is destroyed first instead, which ends them all.
  const chunks = stream[Symbol.asyncIterator]();
  try {
    for (let next = await chunks.next(); !next.done; next = await chunks.next()) if (!out.add(next.value)) break;
  } catch (e) {
    if (sourceError !== undefined) throw sourceError;
    // A stream cut off by the limit on bytes read ends early by design: truncated, not corrupt.
    if (!wire.full) note = `the ${codings.join(', ')} stream is corrupt after ${out.length.toLocaleString('en-US')} decoded bytes (${(e as Error).message}): the body is judged on what decoded`;
  } finally {
    source.destroy();
    for (const d of decoders) d.destroy();
    chunks.return?.().catch(() => undefined);
  }
  return { bytes: out.bytes(), truncated: out.full || wire.full, decoded: codings.join(', '), ...(note ? { note } : {}) };
}

/** `inner` decoded from `coding`, chunk by chunk, with zlib's backpressure (never more than a chunk ahead of the reader). */
async function* decode(inner: AsyncIterable<Buffer>, coding: Coding, decoders: Decoder[]): AsyncGenerator<Buffer> {
  const it = inner[Symbol.asyncIterator]();
  const first = await it.next();
  if (first.done) return;
  const zlib = coding === 'br' ? createBrotliDecompress() : coding === 'deflate' ? (isZlibHeader(first.value) ? createInflate() : createInflateRaw()) : createGunzip();
  decoders.push(zlib);
  const input = Readable.from(
    (async function* () {
      yield first.value;
      for (let next = await it.next(); !next.done; next = await it.next()) yield next.value;
    })(),
    { objectMode: false },
  );
  input.on('error', (e) => zlib.destroy(e));
  input.pipe(zlib);
  try {
    for await (const chunk of zlib as AsyncIterable<Buffer>) yield chunk;
  } finally {
    input.destroy();
    zlib.destroy();
  }
}

/** A zlib header (RFC 1950 §2.2): deflate method, and a check value that makes it a multiple of 31. */
function isZlibHeader(b: Buffer): boolean {
  return b.length >= 2 && (b[0]! & 0x0f) === 8 && (b[0]! >> 4) <= 7 && ((b[0]! << 8) | b[1]!) % 31 === 0;
}

/** Bytes kept up to a limit, in one buffer sized once when the length is declared, else grown in steps of 16×. */
class Accumulator {
  private buffer: Buffer;
  length = 0;
  /** Bytes offered past the limit by the last call. */
  over = 0;
  full = false;

  constructor(
    private readonly limit: number,
    expected?: number,
  ) {
    this.buffer = Buffer.allocUnsafe(Math.min(limit, expected !== undefined && Number.isSafeInteger(expected) && expected >= 0 ? expected : 64 * 1024));
  }

  /** Keeps `chunk` (up to the limit); false once the limit is reached and more was offered. */
  add(chunk: Buffer): boolean {
    const room = this.limit - this.length;
    const n = Math.min(room, chunk.length);
    if (this.length + n > this.buffer.length) {
      // Grown in few, large steps (64 KiB, 1 MiB, 16 MiB… up to the limit): the copies left behind stay small.
      const grown = Buffer.allocUnsafe(Math.min(this.limit, Math.max(this.length + n, this.buffer.length * 16)));
      this.buffer.copy(grown, 0, 0, this.length);
      this.buffer = grown;
    }
    chunk.copy(this.buffer, this.length, 0, n);
    this.length += n;
    return this.counted(chunk.length, room);
  }

  /** Counts `chunk` without keeping it; false once the limit is reached and more was offered. */
  count(chunk: Buffer): boolean {
    const room = this.limit - this.length;
    this.length += Math.min(room, chunk.length);
    return this.counted(chunk.length, room);
  }

  private counted(offered: number, room: number): boolean {
    this.over = Math.max(0, offered - room);
    if (this.over > 0) this.full = true;
    return !this.full;
  }

  bytes(): Buffer {
    return this.buffer.subarray(0, this.length);
  }
}
