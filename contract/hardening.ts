import { defined } from '../lib/source-location.ts';
import type { Clause, ClauseId, OperationId } from './types.ts';

/**
 * The request-size limits the platforms behind both APIs apply by default, in bytes
 * (docs/PLATFORM-NOTES.md §body-size). A gateway on any of these defaults conforms.
 */
export const PLATFORM_BODY_LIMITS = {
  /** ASP.NET `httpRuntime maxRequestLength`: 4096 KB. */
  aspNetMaxRequestLength: 4096 * 1024,
  /** IIS request filtering `requestLimits maxAllowedContentLength` (answered 404.13). */
  iisMaxAllowedContentLength: 30_000_000,
  /** ASP.NET Core Kestrel `KestrelServerLimits.MaxRequestBodySize` (answered 413). */
  kestrelMaxRequestBodySize: 30_000_000,
  /** WCF `basicHttpBinding` `maxReceivedMessageSize` (answered 413). */
  wcfMaxReceivedMessageSize: 65_536,
} as const;

/**
 * The body the suite sends to show a gateway has a size limit at all (INTERPRETING.md §body-size):
 * 64 MiB, over twice the largest platform default, far beyond any valid request.
 */
export const OVERSIZED_BODY_BYTES = 64 * 1024 * 1024;

/**
 * Hardening clauses shared by both operations. The docs say nothing about hostile XML; these are
 * MUST by project decision (INTERPRETING.md §hardening): the .NET XML readers behind both
 * platforms prohibit DTDs by default, and a gateway that expands entities must not be certified.
 */
export function hardeningClauses(operation: OperationId): Clause[] {
  // The line that makes the clause, for `trace` (lib/source-location.ts).
  const h = (id: string, title: string, quote: string, evidence = 'INTERPRETING.md §hardening; PLATFORM-NOTES.md §xml-readers'): Clause =>
    defined({ id: `${operation}/hardening/${id}` as ClauseId, operation, level: 'MUST', title, quote, source: 'interpretation', evidence }, 1);
  return [
    h('dtd-refused', 'A body with a DTD and an internal entity is refused and the entity is never expanded', 'XmlReaderSettings.DtdProcessing = Prohibit (the .NET default)'),
    h('entity-bomb-refused', 'An entity-expansion bomb is refused within the request timeout', 'XmlReaderSettings.DtdProcessing = Prohibit (the .NET default)'),
    h('external-entity-refused', 'An external entity naming a local file is refused and never resolved', 'XmlReaderSettings.XmlResolver = null (the .NET default)'),
    h(
      'oversized-body-refused',
      `A body of ${OVERSIZED_BODY_BYTES / (1024 * 1024)} MiB is refused — a 4xx (413 expected) or the connection closed before it is read whole — never accepted`,
      'Default request limits: IIS maxAllowedContentLength and Kestrel MaxRequestBodySize 30,000,000 bytes, ASP.NET maxRequestLength 4096 KB, WCF maxReceivedMessageSize 65,536 bytes',
      'INTERPRETING.md §body-size; PLATFORM-NOTES.md §body-size',
    ),
    h('survives-hostile-input', 'After each hostile request the gateway still answers a valid one', 'A fault in one request never takes the service down'),
  ];
}
