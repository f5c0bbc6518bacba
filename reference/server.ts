/**
 * The embedded reference gateway: both documented operations on one `node:http` server, with an
 * in-memory store. It is the suite's default target and the fixture of the project's own tests.
 */
import { readFileSync } from 'node:fs';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PUBLISHED_ADDRESS, WSDL_PATH } from '../contract/mark-customer-as-synchronized.ts';
import { packagePath } from '../lib/package-root.ts';
import { escapeXmlAttribute } from '../lib/xml/text.ts';
import { DEFAULT_FIXTURES, type ReferenceFixtures } from './fixtures.ts';
import { type FaultHooks, hooksFor } from './faults/hooks.ts';
import { send } from './http-util.ts';
import { REST_BASE_PATH, type RestContext, handleRest, isRestPath } from './rest/put-customer.ts';
import { CustomerStore } from './rest/store.ts';
import { SOAP_PATH, type SoapContext, handleSoap } from './soap/mark-customer.ts';

export interface ReferenceGatewayOptions {
  /** TCP port; 0 (default) picks a free one. */
  readonly port?: number;
  /** Interface to listen on. Default 127.0.0.1. */
  readonly host?: string;
  readonly fixtures?: ReferenceFixtures;
  /** Clock, for tests. Default `() => new Date()`. */
  readonly now?: () => Date;
  /** Run with one named deviation from the contract (reference/faults/). Default none. */
  readonly fault?: string;
  /** Run with one named legitimate variant (reference/dialects.ts). Default none. */
  readonly dialect?: string;
  /**
   * Write nothing on an internal error (still answered 500). Default false: the stack goes to
   * stderr. The self-check sets it: a fault that crashes (`malformed-key-escape-crashes`) does so on
   * purpose, and its stack would read as a defect of the suite.
   */
  readonly quiet?: boolean;
}

export interface ReferenceGateway {
  /** e.g. `http://127.0.0.1:8080/api` — the Syntch base URL (routes are relative to it). */
  readonly restBaseUrl: string;
  /** e.g. `http://127.0.0.1:8080/soap/eBizService.svc`. */
  readonly soapUrl: string;
  readonly fixtures: ReferenceFixtures;
  /** CustomerLastSyncDateTime per customerInternalId, as the reference recorded it. */
  lastSyncOf(customerInternalId: string): Date | undefined;
  close(): Promise<void>;
}

export async function startReferenceGateway(options: ReferenceGatewayOptions = {}): Promise<ReferenceGateway> {
  const fixtures = options.fixtures ?? DEFAULT_FIXTURES;
  const now = options.now ?? (() => new Date());
  // The catalogues are loaded only when a dialect or a fault is asked for (the self-check, tests):
  // a plain reference gateway never reads the 133 faults.
  const hooks: FaultHooks = {
    ...(options.dialect ? (await import('./dialects.ts')).dialect(options.dialect).hooks : {}),
    ...(options.fault ? (await import('./faults/index.ts')).fault(options.fault).hooks : {}),
  };
  const hostileAftermath = { remaining: 0 };
  // Each handler is given only its operation's hooks (HOOK_OPERATIONS): hooks of the other leave it plain.
  const rest: RestContext = { fixtures, store: new CustomerStore(fixtures.rest.customers, now()), now, hooks: hooksFor(hooks, 'put-customer'), hostileAftermath };
  const soap: SoapContext = { fixtures, syncTimes: new Map(), now, wsdl: publishedWsdl(), hooks: hooksFor(hooks, 'mark-customer-as-synchronized'), hostileAftermath };

  const server = createServer((req, res) => {
    route(req, res, rest, soap).catch((error: unknown) => internalError(res, error, options.quiet === true));
  });
  // A request that never finishes its body must not hold a socket forever.
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  const origin = `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
  return {
    restBaseUrl: `${origin}${REST_BASE_PATH}`,
    soapUrl: `${origin}${SOAP_PATH}`,
    fixtures,
    lastSyncOf: (id) => soap.syncTimes.get(id.toLowerCase()),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

/**
 * The project's WSDL as `npm run contract:export` wrote it (the reference reads the same file as
 * the runner's `soap` client), with the service address replaced by the one it was asked at.
 */
function publishedWsdl(): (address: string) => string {
  const text = readFileSync(packagePath(WSDL_PATH), 'utf8');
  const published = `location="${PUBLISHED_ADDRESS}"`;
  if (!text.includes(published)) throw new Error(`${WSDL_PATH} does not name ${PUBLISHED_ADDRESS}: run npm run contract:export`);
  return (address) => text.replace(published, `location="${escapeXmlAttribute(address)}"`);
}


async function route(req: IncomingMessage, res: ServerResponse, rest: RestContext, soap: SoapContext): Promise<void> {
  const url = requestUrl(req);
  if (!url) {
    // RFC 9112 §3.2: a Host header with an invalid value gets 400; so does a request target no URL parser reads.
    req.resume();
    send(res, 400, 'text/plain', 'Bad Request: invalid Host header or request target');
    return;
  }
  if (isRestPath(url.pathname)) return handleRest(req, res, url, rest);
  if (url.pathname.toLowerCase() === SOAP_PATH.toLowerCase()) return handleSoap(req, res, url, soap);
  req.resume();
  send(res, 404, 'text/plain', 'Not Found');
}

/**
 * The request's URL (its Host names the origin the WSDL advertises), or undefined when the Host
 * header or the request target is not one a URL can be built from (`Host: a b`, an empty Host,
 * `Host: [::1`): input the client got wrong, answered 400, never an exception and a 500.
 */
function requestUrl(req: IncomingMessage): URL | undefined {
  try {
    return new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
  } catch (e) {
    if (e instanceof TypeError) return undefined;
    throw e;
  }
}

/** A bug in one request answers 500 and leaves the server running. */
function internalError(res: ServerResponse, error: unknown, quiet: boolean): void {
  if (!quiet) console.error('reference gateway: internal error:', error instanceof Error ? error.stack : error);
  if (!res.headersSent) send(res, 500, 'text/plain', 'Internal Server Error');
  else res.destroy();
}
