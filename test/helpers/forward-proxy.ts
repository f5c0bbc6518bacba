/**
 * A forward HTTP proxy on 127.0.0.1 for the project's tests, the kind a CI runner reaches a sandbox
 * through: it forwards absolute-form requests (`GET http://host:port/path`, how a client sends an
 * http:// request to a proxy) and tunnels CONNECT (how it sends an https:// one), and records each
 * — so a test can show that every request of a run went through it, or none did. With
 * `credentials`, a request without the matching Proxy-Authorization is answered 407.
 */
import { type IncomingMessage, type Server, createServer, request as httpRequest } from 'node:http';
import { type AddressInfo, type Socket, connect } from 'node:net';

export interface ProxiedRequest {
  /** `forward` for an absolute-form request, `connect` for a tunnel. */
  readonly how: 'forward' | 'connect';
  /** The absolute URL forwarded, or the `host:port` tunnelled to. */
  readonly target: string;
  readonly method: string;
  /** The Proxy-Authorization header received, if any. */
  readonly proxyAuthorization?: string;
  /** Answered 407 instead of forwarded. */
  readonly refused: boolean;
}

export interface ForwardProxy {
  /** `http://127.0.0.1:PORT` */
  readonly origin: string;
  /** The proxy URL with the credentials in it, when there are any (`http://user:pw@127.0.0.1:PORT`). */
  readonly url: string;
  readonly requests: ProxiedRequest[];
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'proxy-authorization', 'transfer-encoding', 'te', 'trailer', 'upgrade']);

export async function startForwardProxy(options: { credentials?: { user: string; password: string } } = {}): Promise<ForwardProxy> {
  const expected = options.credentials ? `Basic ${Buffer.from(`${options.credentials.user}:${options.credentials.password}`).toString('base64')}` : undefined;
  const requests: ProxiedRequest[] = [];
  const sockets = new Set<Socket>();
  const allowed = (req: IncomingMessage) => expected === undefined || req.headers['proxy-authorization'] === expected;
  const seen = (how: ProxiedRequest['how'], target: string, req: IncomingMessage): boolean => {
    const ok = allowed(req);
    const auth = req.headers['proxy-authorization'];
    requests.push({ how, target, method: req.method ?? '', ...(auth !== undefined ? { proxyAuthorization: auth } : {}), refused: !ok });
    return ok;
  };

  const server: Server = createServer((req, res) => {
    const target = req.url ?? '';
    if (!/^http:\/\//i.test(target)) {
      res.writeHead(400, { 'Content-Type': 'text/plain' }).end('a forward proxy takes absolute-form requests');
      return;
    }
    if (!seen('forward', target, req)) {
      req.resume();
      res.writeHead(407, { 'Proxy-Authenticate': 'Basic realm="test"', 'Content-Length': '0' }).end();
      return;
    }
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => !HOP_BY_HOP.has(k)));
    const up = httpRequest(target, { method: req.method, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, Object.fromEntries(Object.entries(answer.headers).filter(([k]) => !HOP_BY_HOP.has(k))));
      answer.pipe(res);
    });
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    const target = req.url ?? '';
    if (!seen('connect', target, req)) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const [host, port] = [target.slice(0, target.lastIndexOf(':')), Number(target.slice(target.lastIndexOf(':') + 1))];
    const upstream = connect(port, host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    for (const s of [upstream, client]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => (s === upstream ? client : upstream).destroy());
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const credentials = options.credentials ? `${encodeURIComponent(options.credentials.user)}:${encodeURIComponent(options.credentials.password)}@` : '';
  return {
    origin,
    url: `http://${credentials}127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
