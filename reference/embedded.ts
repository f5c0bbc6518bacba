/**
 * The embedded reference gateway as a run's target. `runConformance` (runner/run.ts) never starts a
 * gateway itself (the runner does not depend on the reference): a caller with no target configured
 * passes `embedded: embeddedReference()`, and the run starts it when — and only when — neither
 * SYNTCH_BASE_URL nor EBIZ_SOAP_URL is set, configures itself exactly as a user would for it
 * (reference/fixtures.ts `configuredSettings`) and closes it when done. The command line does this
 * for `gateway-conformance` without settings; the self-check and the tests pass a fault or a dialect.
 *
 * ```ts
 * import { runConformance } from 'gateway-conformance';
 * import { embeddedReference } from 'gateway-conformance/reference';
 * const outcome = await runConformance({ env: process.env, embedded: embeddedReference() });
 * ```
 */
import { configuredSettings } from './fixtures.ts';
import { type ReferenceGateway, type ReferenceGatewayOptions, startReferenceGateway } from './server.ts';

export { type ReferenceGateway, type ReferenceGatewayOptions, startReferenceGateway } from './server.ts';

/** A started reference gateway, with the settings that configure a run for it. */
export interface EmbeddedReference {
  readonly gateway: ReferenceGateway;
  /** SYNTCH_* and EBIZ_* as a user would configure them for this gateway. */
  readonly settings: Readonly<Record<string, string>>;
  close(): Promise<void>;
}

/** Starts the reference gateway (on a free port unless `options.port` says otherwise) when called. */
export function embeddedReference(options: ReferenceGatewayOptions = {}): () => Promise<EmbeddedReference> {
  return async () => {
    const gateway = await startReferenceGateway({ port: 0, ...options });
    return { gateway, settings: configuredSettings(gateway, gateway.fixtures), close: () => gateway.close() };
  };
}
