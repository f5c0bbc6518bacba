/**
 * The `soap` package's transport, replaced by the run's {@link HttpClient}: the WSDL client's
 * calls get the run's timeout, pacing, retries and body limit, and follow no redirect (the
 * package's own transport, axios, follows them, and would carry SecurityId, UserId and Password
 * to another origin). The `soap` package calls `request(url, data, callback, headers)` and reads
 * `{ status, headers, data }`; like axios, an answer of 400 or more is handed over as an error
 * carrying the response, so the package parses a SOAP fault from it.
 */
import type { IHttpClient } from 'soap';
import { type HttpClient, type HttpExchange, TransportError } from './client.ts';

export interface SoapHttpAdapter extends IHttpClient {
  /** The last exchange, for the reproduction of what the package sent. */
  readonly last?: HttpExchange;
  /** A transport failure the package was told about: the caller rethrows it (no verdict). */
  readonly transportError?: TransportError;
}

/**
 * `mask` is applied to every answer before the package reads it, so a credential a gateway echoes
 * (in a fault string, say) never reaches an error message.
 */
export function soapHttpAdapter(client: Pick<HttpClient, 'send'>, mask: (text: string) => string = (t) => t): SoapHttpAdapter {
  const state: { last?: HttpExchange; transportError?: TransportError } = {};
  const adapter = {
    get last() {
      return state.last;
    },
    get transportError() {
      return state.transportError;
    },
    request(url: string, data: unknown, callback: (error: unknown, res?: unknown, body?: unknown) => unknown, headers: Record<string, unknown> = {}) {
      const flat: Record<string, string> = {};
      for (const [k, v] of Object.entries(headers)) if (v !== undefined && v !== null) flat[k] = String(v);
      const body = typeof data === 'string' ? data : data === undefined || data === null ? undefined : String(data);
      const promise = client.send({ method: 'POST', url, headers: flat, ...(body !== undefined ? { body } : {}) }).then(
        (exchange) => {
          state.last = exchange;
          const text = mask(exchange.text);
          const res = { status: exchange.status, statusText: '', headers: exchange.headers, data: text, config: { headers: flat } };
          if (exchange.status >= 400) {
            const error = Object.assign(new Error(`Request failed with status code ${exchange.status}`), { response: res });
            callback(error, res, text);
          } else {
            callback(null, res, text);
          }
          return res;
        },
        (e: unknown) => {
          if (e instanceof TransportError) state.transportError = e;
          callback(e);
          throw e;
        },
      );
      // The package ignores the promise on this path; keep a rejection from going unhandled.
      promise.catch(() => undefined);
      return promise as never;
    },
  };
  return adapter;
}
