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
 * - **The run's memory does not grow with its concurrency** (docs/INTERPRETING.md §transport): an
 *   answer keeps up to {@link UNRESERVED_BYTES} freely (every ordinary answer is far smaller);
 *   to keep more it first reserves its whole limit in the run's {@link BodyBudget}, first come
 *   first served, and waits — reading nothing more, so TCP holds the rest at the gateway — while
 *   the budget is taken. Bytes kept by answers being read stay within the budget (or one limit,
 *   when the limit is larger) plus {@link UNRESERVED_BYTES} and a chunk per request in flight,
 *   however many requests are in flight and whatever the gateway sends. Waiting never changes
 *   what is read, only when: the same answers give the same bodies, so the same verdict.
 */
import { Readable } from 'node:stream';
import { type BrotliDecompress, type Gunzip, type Inflate, type InflateRaw, createBrotliDecompress, createGunzip, createInflate, createInflateRaw } from 'node:zlib';

/** The codings decoded (RFC 9110 §8.4.1; `x-gzip` is gzip's old name). */
export const DECODED_CODINGS = ['gzip', 'x-gzip', 'deflate', 'br'] as const;
type Coding = (typeof DECODED_CODINGS)[number];
type Decoder = Gunzip | Inflate | InflateRaw | BrotliDecompress;
const isDecoded = (c: string): c is Coding => (DECODED_CODINGS as readonly string[]).includes(c);

export interface ReadBody {
  /** The body as UTF-8 text (a malformed sequence becomes U+FFFD): decoded when its codings could be, from at most `limit` bytes. */
  readonly text: string;
  /** The bytes `text` was decoded from. */
  readonly byteLength: number;
  /** The (decoded) body was longer than the limit, or more than the limit was sent: `bytes` is its beginning. */
  readonly truncated: boolean;
  /** The content codings undone, as the header names them ('gzip', 'deflate, br'), when any were. */
  readonly decoded?: string;
  /** Why `bytes` is not the decoded body: a coding not decoded, a corrupt stream. */
  readonly note?: string;
}

/** Bytes an answer keeps before it must reserve room in the run's {@link BodyBudget}: 64 KiB. */
export const UNRESERVED_BYTES = 64 * 1024;

/**
 * The run's budget for the bytes answers being read may keep: 16 MiB, what four answers at the
 * default limit (CONFORMANCE_MAX_RESPONSE_BYTES, 4 MiB) hold. Measured with `npm run bench` (the
 * suite's own process against 200 MiB answers and a gzip bomb): 32 MiB left the peak RSS at
 * 285–296 MiB, above the 300 MB the suite aims for; 16 MiB, 253–258 MiB; 8 MiB gained nothing more.
 */
export const DEFAULT_BODY_BUDGET_BYTES = 16 * 1024 * 1024;

/**
 * A run-wide budget of bytes, shared by every answer the run reads. A reservation is all or
 * nothing and granted first come first served; a reader that holds one never waits again, so
 * readers cannot wait on each other in a circle. A reservation larger than the budget takes the
 * whole budget.
 */
export class BodyBudget {
  private free: number;
  private readonly queue: { readonly bytes: number; readonly grant: () => void }[] = [];
  /** Buffers given back, reused by later reservations (a few large buffers for the run, not one per answer). */
  private readonly spare: Buffer[] = [];
  /** The most bytes ever reserved at once. */
  peak = 0;

  constructor(readonly bytes: number = DEFAULT_BODY_BUDGET_BYTES) {
    this.free = bytes;
  }

  /** Reserves `bytes` (at most the whole budget) once it is free; resolves with the release (idempotent). */
  async reserve(bytes: number): Promise<() => void> {
    const n = Math.min(bytes, this.bytes);
    if (this.queue.length > 0 || this.free < n) await new Promise<void>((grant) => this.queue.push({ bytes: n, grant }));
    else this.take(n);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.free += n;
      for (let next = this.queue[0]; next && this.free >= next.bytes; next = this.queue[0]) {
        this.queue.shift();
        this.take(next.bytes);
        next.grant();
      }
    };
  }

  /** A buffer of `bytes` bytes for a reservation's body: a spare one of that size when there is one. */
  buffer(bytes: number): Buffer {
    const i = this.spare.findIndex((b) => b.length === bytes);
    return i >= 0 ? this.spare.splice(i, 1)[0]! : Buffer.allocUnsafe(bytes);
  }

  /** Takes a buffer back for reuse, as long as the spare buffers stay within the budget. */
  giveBack(buffer: Buffer): void {
    if (this.spare.reduce((n, b) => n + b.length, buffer.length) <= this.bytes) this.spare.push(buffer);
  }

  private take(n: number): void {
    this.free -= n;
    this.peak = Math.max(this.peak, this.bytes - this.free);
  }
}

/** A body source: undici's response body (an async iterable of Buffers that can be destroyed). */
export interface BodySource extends AsyncIterable<Buffer> {
  destroy(error?: Error): unknown;
}

/**
 * Reads `source` up to `limit` bytes, decoding `contentEncoding`, keeping more than
 * {@link UNRESERVED_BYTES} only within `budget` (the run's; none: unbounded across reads). An error
 * of the source itself (a reset, a timeout) is thrown as it came, for the client to classify; a
 * decoding error is not thrown but named in {@link ReadBody.note}.
 */
export async function readBody(source: BodySource, contentEncoding: string | undefined, limit: number, declaredLength?: number, budget?: BodyBudget): Promise<ReadBody> {
  const codings = (contentEncoding ?? '')
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '' && c !== 'identity');
  const unknown = codings.filter((c) => !isDecoded(c));
  const out = new Accumulator(limit, codings.length === 0 ? declaredLength : undefined, budget);
  if (codings.length === 0 || unknown.length > 0) {
    let text = '';
    try {
      for await (const chunk of source) {
        if (out.mustReserve(chunk)) await out.reserve();
        if (!out.add(chunk)) break;
      }
    } finally {
      text = out.finish();
      if (out.full) source.destroy();
    }
    const note = unknown.length > 0 ? `Content-Encoding '${contentEncoding}' is not a coding the suite decodes (${DECODED_CODINGS.join(', ')}): the body is judged as received` : undefined;
    return { text, byteLength: out.length, truncated: out.full, ...(note ? { note } : {}) };
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
  let text = '';
  // Iterated by hand: leaving a for-await would wait for the generators to return, and they wait
  // for the source's next chunk; the source is destroyed first instead, which ends them all.
  const chunks = stream[Symbol.asyncIterator]();
  try {
    for (let next = await chunks.next(); !next.done; next = await chunks.next()) {
      if (out.mustReserve(next.value)) await out.reserve();
      if (!out.add(next.value)) break;
    }
  } catch (e) {
    if (sourceError !== undefined) throw sourceError;
    // A stream cut off by the limit on bytes read ends early by design: truncated, not corrupt.
    if (!wire.full) note = `the ${codings.join(', ')} stream is corrupt after ${out.length.toLocaleString('en-US')} decoded bytes (${(e as Error).message}): the body is judged on what decoded`;
  } finally {
    text = out.finish();
    source.destroy();
    for (const d of decoders) d.destroy();
    chunks.return?.().catch(() => undefined);
  }
  return { text, byteLength: out.length, truncated: out.full || wire.full, decoded: codings.join(', '), ...(note ? { note } : {}) };
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

/**
 * Bytes kept up to a limit, in one buffer sized once when the length is declared, else grown in
 * steps of 16×; past {@link UNRESERVED_BYTES} only once the limit is reserved in the budget.
 */
class Accumulator {
  private buffer: Buffer;
  private readonly expected: number;
  private held?: () => void;
  length = 0;
  /** Bytes offered past the limit by the last call. */
  over = 0;
  full = false;

  constructor(
    private readonly limit: number,
    expected?: number,
    private readonly budget?: BodyBudget,
  ) {
    this.expected = expected !== undefined && Number.isSafeInteger(expected) && expected >= 0 ? expected : 0;
    this.buffer = Buffer.allocUnsafe(Math.min(limit, this.expected || 64 * 1024, budget ? UNRESERVED_BYTES : Infinity));
  }

  /** Whether keeping `chunk` takes this body past {@link UNRESERVED_BYTES} before its reservation. */
  mustReserve(chunk: Buffer): boolean {
    return this.budget !== undefined && this.held === undefined && this.length + Math.min(chunk.length, this.limit - this.length) > UNRESERVED_BYTES;
  }

  /**
   * Waits for the whole limit in the budget (a reader that holds it never waits again), and moves
   * what it kept into a buffer of the limit's size from the budget.
   */
  async reserve(): Promise<void> {
    this.held = await this.budget!.reserve(this.limit);
    const reserved = this.budget!.buffer(this.limit);
    this.buffer.copy(reserved, 0, 0, this.length);
    this.buffer = reserved;
  }

  /** The bytes kept, as UTF-8 text; the buffer and the reservation are given back (idempotent). */
  finish(): string {
    const text = new TextDecoder().decode(this.buffer.subarray(0, this.length));
    if (this.held) {
      this.budget!.giveBack(this.buffer);
      this.buffer = Buffer.alloc(0);
      this.held();
      this.held = undefined;
    }
    return text;
  }

  /** Keeps `chunk` (up to the limit); false once the limit is reached and more was offered. */
  add(chunk: Buffer): boolean {
    const room = this.limit - this.length;
    const n = Math.min(room, chunk.length);
    if (this.length + n > this.buffer.length) {
      // Grown once to the declared length, else in few, large steps (64 KiB, 1 MiB, 16 MiB… up to
      // the limit): the copies left behind stay small.
      const grown = Buffer.allocUnsafe(Math.min(this.limit, Math.max(this.length + n, this.buffer.length * 16, this.expected)));
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

}
