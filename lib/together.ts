/**
 * Independent pieces of a suite's work started at once, so a gateway far away costs one round trip
 * for all of them instead of one each (docs/INTERPRETING.md §transport). Every piece is waited for
 * before this settles — nothing a suite started is still sending after the suite has ended — and
 * then the first failure, in the order the pieces are given, is thrown.
 */
export async function together(...pieces: readonly (() => Promise<unknown>)[]): Promise<void> {
  const settled = await Promise.allSettled(pieces.map((piece) => piece()));
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
}
