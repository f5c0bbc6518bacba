import type { Clause, ClauseId, OperationId } from './types.ts';

/** Bodies larger than this are "oversized" (INTERPRETING.md §hardening). */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Hardening clauses shared by both operations. The docs say nothing about hostile XML; these are
 * MUST by project decision (INTERPRETING.md §hardening): the .NET XML readers behind both
 * platforms prohibit DTDs by default, and a gateway that expands entities must not be certified.
 */
export function hardeningClauses(operation: OperationId): Clause[] {
  const h = (id: string, title: string, quote: string): Clause => ({
    id: `${operation}/hardening/${id}` as ClauseId,
    operation,
    level: 'MUST',
    title,
    quote,
    source: 'interpretation',
    evidence: 'INTERPRETING.md §hardening; .NET XmlReaderSettings defaults (DtdProcessing.Prohibit, XmlResolver null)',
  });
  return [
    h('dtd-refused', 'A body with a DTD and an internal entity is refused and the entity is never expanded', 'XmlReaderSettings.DtdProcessing = Prohibit (the .NET default)'),
    h('entity-bomb-refused', 'An entity-expansion bomb is refused within the request timeout', 'XmlReaderSettings.DtdProcessing = Prohibit (the .NET default)'),
    h('external-entity-refused', 'An external entity naming a local file is refused and never resolved', 'XmlReaderSettings.XmlResolver = null (the .NET default)'),
    h('oversized-body-refused', `A body over ${MAX_BODY_BYTES} bytes is refused with 413 or 400, never accepted`, 'Request size limits of the host'),
    h('survives-hostile-input', 'After each hostile request the gateway still answers a valid one', 'A fault in one request never takes the service down'),
  ];
}
