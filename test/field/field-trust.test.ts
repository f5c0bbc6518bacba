/**
 * `npm run conformance` against gateways that misbehave the way real ones do in the field, through
 * the misbehaving gateway (test/helpers/misbehaving-gateway.ts) in front of the reference:
 * dropped connections and stalls are retried (a drop that persists is no verdict, never a clause
 * failure), answers too big to read end the run with bounded memory, redirects are answers and
 * never followed, credentials echoed back in any encoding never reach the output or the reports,
 * transient 429/503 do not change the verdict, a gateway behind a compressing front end (gzip,
 * br) is judged on its decoded answers, a gzip bomb is read only up to the body limit, and a hostile
 * gateway's text (escape sequences, a forged verdict line, CI workflow commands, a NUL, C1 controls,
 * a binary body) cannot write the suite's output. Each run is a child process with a small
 * number of runs and a short request timeout; nothing here asserts on elapsed time.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { baselineCustomer } from '../../generators/baseline.ts';
import { customerBody } from '../../generators/serialize.ts';
import { configuredSettings, DEFAULT_FIXTURES, type ReferenceFixtures } from '../../reference/fixtures.ts';
import { type ReferenceGatewayOptions, startReferenceGateway } from '../../reference/server.ts';
import { XMLValidator } from 'fast-xml-parser';
import { validateXML } from 'xmllint-wasm';
import { gzipSync } from 'node:zlib';
import { CLI_MAIN } from '../helpers/cli.ts';
import { type Answer, type LogEntry, type MisbehavingGateway, type Rule, credentialForms, matching, startMisbehavingGateway, misbehavingReferences } from '../helpers/misbehaving-gateway.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

const TEST_TIMEOUT = 180_000;
/** The child is killed (its process group) after this long: a hung run is a failed test, never a hung one. */
const CHILD_DEADLINE_MS = 170_000;
/** The old-space limit given to every node process of the run: reading a 200 MB answer whole crashes it. */
const HEAP_LIMIT_MB = 256;
/**
 * Highest peak resident set (VmHWM) any process of the run may reach with that limit. Past 64 KiB
 * an answer keeps bytes only within the run's 16 MiB budget (lib/http/response-body.ts), whatever
 * the number of requests in flight, over a process of about 160–200 MiB (250–420 MiB observed on a
 * loaded machine through tsx, 285–315 MiB compiled). Buffering a 200 MB body (200 MB of Buffers,
 * then its text) would pass 640 MiB.
 */
const PEAK_LIMIT_KIB = 640 * 1024;

interface CliRun {
  readonly code: number | null;
  readonly signal: string | null;
  readonly out: string;
  readonly reportDir: string;
  /** Highest VmHWM (KiB) of each process of the run's tree, by pid and command. */
  readonly peaks: { pid: number; command: string; kib: number }[];
}

/** Runs the CLI with `args` and only the given variables (no .env, no inherited CONFORMANCE_* settings), sampling its process tree's peak memory. */
function conformance(env: Record<string, string>, args: readonly string[] = []): Promise<CliRun> {
  const reportDir = mkdtempSync(join(tmpdir(), 'field-trust-'));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI_MAIN, ...args], {
      cwd: root,
      detached: true,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS ?? '',
        DOTENV_CONFIG_PATH: '/nonexistent/.env',
        CONFORMANCE_REPORT_DIR: reportDir,
        CONFORMANCE_RUNS: '10',
        CONFORMANCE_TIMEOUT_MS: '5000',
        CONFORMANCE_SEED: '11',
        ...env,
      },
    });
    let out = '';
    const collect = (d: Buffer) => {
      out += d.toString();
      if (out.length > 8_000_000) out = out.slice(-4_000_000);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const peaks = new Map<number, { pid: number; command: string; kib: number }>();
    const sample = () => {
      for (const pid of processTree(child.pid!)) {
        const kib = peakKib(pid);
        if (kib === undefined) continue;
        const prev = peaks.get(pid);
        if (!prev || kib > prev.kib) peaks.set(pid, { pid, command: prev?.command ?? commandOf(pid), kib });
      }
    };
    const sampler = setInterval(sample, 250);
    const killer = setTimeout(() => {
      out += `\n[field-trust] the run did not end within ${CHILD_DEADLINE_MS} ms: killed\n`;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }, CHILD_DEADLINE_MS);
    child.on('exit', (code, signal) => {
      clearInterval(sampler);
      clearTimeout(killer);
      resolve({ code, signal, out, reportDir, peaks: [...peaks.values()].sort((a, b) => b.kib - a.kib) });
    });
  });
}

/** `pid` and its descendants, from /proc. */
function processTree(rootPid: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      /* exited meanwhile */
    }
  }
  const tree: number[] = [];
  const queue = [rootPid];
  while (queue.length > 0 && tree.length < 1000) {
    const pid = queue.shift()!;
    tree.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return tree;
}

function peakKib(pid: number): number | undefined {
  try {
    const m = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').slice(0, 120);
  } catch {
    return '?';
  }
}

/** The gateway configured the way a user configures a real one, at the proxy's URLs. */
function configuredFor(p: Pick<MisbehavingGateway, 'restBaseUrl' | 'soapUrl'>, f: ReferenceFixtures): Record<string, string> {
  return configuredSettings(p, f);
}

const references = misbehavingReferences();
/** Servers a test starts by hand, stopped with the references. */
const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  await Promise.all([references.closeAll(), ...closers.splice(0).map((c) => c())]);
});

/** A reference gateway behind a misbehaving proxy with these rules. */
const misbehaving = (rules: Rule[], reference: ReferenceGatewayOptions = {}) => references.start(rules, reference);

/** The suite's valid PUT (the baseline customer, as XML): the request the hardening suite checks survival with. */
const validXml = customerBody(baselineCustomer(), 'xml').body;
const validPut = matching({ method: 'PUT', api: 'rest', bodyContains: validXml });

const actions = (log: LogEntry[], action: LogEntry['action']) => log.filter((e) => e.action === action);
/** The lines that say what happened: the verdict, errors, failed clauses. */
const summary = (run: CliRun) =>
  `exit ${run.code}${run.signal ? ` (${run.signal})` : ''}\n${run.out
    .split('\n')
    .filter((l) => /verdict|error|FAILED|received|cannot|killed|heap|memory/i.test(l))
    .slice(0, 40)
    .join('\n')}`;

/**
 * The hardening suites send the valid PUT after every hostile body (and, for SOAP, the valid
 * envelope after every hostile envelope), one at a time: a run of them alone meets every rule below that picks one valid PUT or
 * one hostile body, and its verdict (PARTIAL) says whether the drop became a failure, as a full run's does.
 */
const HARDENING = ['--suite', 'hardening', '--suite', 'hardening-soap'] as const;

describe('dropped connections and stalls', () => {
  it(
    'one reset on a valid PUT is retried: exit 0, CONFORMANT',
    async () => {
      const { proxy, fixtures } = await misbehaving([{ when: validPut, which: { nth: 1 }, do: { kind: 'reset' } }]);
      const run = await conformance(configuredFor(proxy, fixtures), HARDENING);
      expect(actions(proxy.log, 'reset')).toHaveLength(1);
      expect(run.code, summary(run)).toBe(0);
      expect(run.out).toMatch(/verdict: CONFORMANT/);
    },
    TEST_TIMEOUT,
  );

  it(
    'a reset on a hostile (DTD) body, once per API, is retried: exit 0',
    async () => {
      const { proxy, fixtures } = await misbehaving([
        { when: matching({ api: 'rest', bodyContains: '<!DOCTYPE' }), which: { nth: 1 }, do: { kind: 'reset' } },
        { when: matching({ api: 'soap', bodyContains: '<!DOCTYPE' }), which: { nth: 1 }, do: { kind: 'reset' } },
      ]);
      const run = await conformance(configuredFor(proxy, fixtures), HARDENING);
      expect(actions(proxy.log, 'reset').map((e) => e.api).sort()).toEqual(['rest', 'soap']);
      expect(run.code, summary(run)).toBe(0);
      expect(run.out).toMatch(/verdict: CONFORMANT/);
    },
    TEST_TIMEOUT,
  );

  it(
    'every valid PUT reset: exit 2, no verdict — not a clause failure',
    async () => {
      const { proxy, fixtures } = await misbehaving([{ when: validPut, do: { kind: 'reset' } }]);
      const run = await conformance(configuredFor(proxy, fixtures));
      expect(actions(proxy.log, 'reset').length).toBeGreaterThan(1);
      expect(run.code, summary(run)).toBe(2);
      expect(run.out).toMatch(/verdict: ERROR/);
      expect(run.out).not.toMatch(/NOT CONFORMANT/);
    },
    TEST_TIMEOUT,
  );

  it(
    'one stalled valid PUT times out and is retried: exit 0',
    async () => {
      const { proxy, fixtures } = await misbehaving([{ when: validPut, which: { nth: 1 }, do: { kind: 'stall' } }]);
      // A shorter request timeout than the file's (5 s): the run waits it out once, for the stalled answer.
      const run = await conformance({ ...configuredFor(proxy, fixtures), CONFORMANCE_TIMEOUT_MS: '2000' }, HARDENING);
      expect(actions(proxy.log, 'stall')).toHaveLength(1);
      expect(run.code, summary(run)).toBe(0);
      expect(run.out).toMatch(/verdict: CONFORMANT/);
    },
    TEST_TIMEOUT,
  );
});

describe('answers too big to read', () => {
  /**
   * Only the hardening suites, which send the valid PUT the rules answer (its survival check), and
   * 3 runs per property: every valid PUT still gets the oversized answer, and memory is bounded per
   * answer, not per run, so a full run proves nothing more here and costs five times the CPU.
   */
  const sendingValidPuts = (env: Record<string, string>) => conformance({ ...env, CONFORMANCE_RUNS: '3', NODE_OPTIONS: `--max-old-space-size=${HEAP_LIMIT_MB}` }, ['--suite', 'hardening', '--suite', 'put-customer-access']);
  const memoryBounded = (run: CliRun) => {
    console.log(`peak VmHWM per process (KiB): ${run.peaks.map((p) => `${p.kib} ${p.command}`).join('; ')}`);
    expect(run.peaks.length, 'the run tree was sampled').toBeGreaterThan(0);
    expect(run.peaks[0]!.kib, `peak ${run.peaks[0]!.kib} KiB in ${run.peaks[0]!.command}`).toBeLessThan(PEAK_LIMIT_KIB);
  };

  it(
    'a 200 MB answer to every valid PUT: the run ends, exit 1 (judged on what was read), memory bounded',
    async () => {
      const { proxy, fixtures } = await misbehaving([{ when: validPut, do: { kind: 'huge', bytes: 200 * 1000 * 1000 } }]);
      const run = await sendingValidPuts(configuredFor(proxy, fixtures));
      const huge = actions(proxy.log, 'huge');
      expect(huge.length).toBeGreaterThan(0);
      console.log(`200 MB answers: ${huge.length}, bytes written before the client left: ${huge.map((e) => e.bytes).join(', ')}`);
      expect(run.code, summary(run)).toBe(1);
      expect(run.out).toMatch(/verdict: NOT CONFORMANT/);
      memoryBounded(run);
    },
    TEST_TIMEOUT,
  );

  it(
    'a gzip bomb (64 GiB of zeros, 64 MB on the wire: more than any socket holds) answering every valid PUT: decoded only up to the limit, the run ends, exit 1, memory bounded',
    async () => {
      const { proxy, fixtures } = await misbehaving([{ when: validPut, do: { kind: 'gzip-bomb', bytes: 64 * 1024 * 1024 * 1024 } }]);
      const run = await sendingValidPuts(configuredFor(proxy, fixtures));
      const bombs = actions(proxy.log, 'gzip-bomb');
      expect(bombs.length).toBeGreaterThan(0);
      expect(bombs.filter((e) => e.end !== 'client-gone').map((e) => `#${e.index} ended by ${e.end} after ${e.bytes} bytes`), 'every bomb was left unread by the client').toEqual([]);
      expect(run.code, summary(run)).toBe(1);
      expect(run.out).toMatch(/verdict: NOT CONFORMANT/);
      memoryBounded(run);
    },
    TEST_TIMEOUT,
  );

  it(
    'an endless answer to every valid PUT: the client stops reading, exit 1, memory bounded',
    async () => {
      const { proxy, fixtures } = await misbehaving([{ when: validPut, do: { kind: 'endless', maxBytes: 4 * 1024 * 1024 * 1024, maxMs: 120_000 } }]);
      const run = await sendingValidPuts(configuredFor(proxy, fixtures));
      const endless = actions(proxy.log, 'endless');
      expect(endless.length).toBeGreaterThan(0);
      expect(endless.filter((e) => e.end !== 'client-gone').map((e) => `#${e.index} ended by ${e.end} after ${e.bytes} bytes`), 'every endless stream ended because the client left').toEqual([]);
      expect(run.code, summary(run)).toBe(1);
      expect(run.out).toMatch(/verdict: NOT CONFORMANT/);
      memoryBounded(run);
    },
    TEST_TIMEOUT,
  );
});

describe('TLS errors', () => {
  it(
    'a gateway whose certificate chain this machine does not trust: exit 2, ERROR — no verdict, the cause and the NODE_EXTRA_CA_CERTS hint, no stack trace',
    async () => {
      const fixture = (name: string) => readFileSync(new URL(`../fixtures/tls/${name}`, import.meta.url));
      const tls = createHttpsServer({ key: fixture('server.key'), cert: Buffer.concat([fixture('server.pem'), fixture('ca.pem')]) }, (_req, res) => res.end('ok'));
      await new Promise<void>((r) => tls.listen(0, '127.0.0.1', () => r()));
      closers.push(() => new Promise<void>((r) => (tls.closeAllConnections(), tls.close(() => r()))));
      const gw = await startReferenceGateway();
      closers.push(() => gw.close());
      const origin = `https://127.0.0.1:${(tls.address() as AddressInfo).port}`;
      const run = await conformance(configuredFor({ restBaseUrl: `${origin}/api`, soapUrl: `${origin}/soap` }, gw.fixtures));
      expect(run.code, summary(run)).toBe(2);
      expect(run.out).toMatch(/verdict: ERROR — no verdict/);
      expect(run.out).toMatch(/SYNTCH_BASE_URL: .*SELF_SIGNED_CERT_IN_CHAIN.*NODE_EXTRA_CA_CERTS=\/path\/ca\.pem/);
      expect(run.out).toMatch(/EBIZ_SOAP_URL: .*SELF_SIGNED_CERT_IN_CHAIN/);
      expect(run.out).not.toMatch(/unexpected error|\n\s+at /);
    },
    TEST_TIMEOUT,
  );
});

describe('a compressing front end', () => {
  it(
    'every answer gzip-encoded (PutCustomer) and br-encoded (SOAP, the WSDL too): judged decoded, exit 0, CONFORMANT',
    async () => {
      const { proxy, fixtures } = await misbehaving([
        { when: matching({ api: 'rest' }), do: { kind: 'encode', coding: 'gzip' } },
        { when: matching({ api: 'soap' }), do: { kind: 'encode', coding: 'br' } },
      ]);
      const run = await conformance(configuredFor(proxy, fixtures));
      const encoded = actions(proxy.log, 'encode');
      expect(encoded.filter((e) => e.api === 'rest').length).toBeGreaterThan(100);
      expect(encoded.filter((e) => e.api === 'soap').length).toBeGreaterThan(10);
      expect(actions(proxy.log, 'forwarded')).toEqual([]);
      expect(run.code, summary(run)).toBe(0);
      expect(run.out).toMatch(/verdict: CONFORMANT/);
    },
    TEST_TIMEOUT,
  );
});

describe('redirects are answers, never followed', () => {
  it.each(['soap', 'rest'] as const)(
    'a 307 on every request to the %s endpoint: nothing reaches the other port; the refused baseline request is no verdict (exit 2), naming the URL setting',
    async (api) => {
      const { proxy, fixtures } = await misbehaving([{ when: matching({ api }), do: { kind: 'redirect', status: 307 } }]);
      const run = await conformance(configuredFor(proxy, fixtures));
      expect(actions(proxy.log, 'redirect').length).toBeGreaterThan(0);
      expect(proxy.recorder.requests.map((r) => `${r.method} ${r.url} authorization=${r.headers.authorization !== undefined} securityId=${/SecurityId/.test(r.body)}`)).toEqual([]);
      expect(run.code, summary(run)).toBe(2);
      expect(run.out).toMatch(/verdict: ERROR — no verdict/);
      // The likeliest cause, a moved gateway, is named before the verdict, and the setting to check with it.
      expect(run.out).toMatch(api === 'rest' ? /note: SYNTCH_BASE_URL answers 307 with Location / : /note: EBIZ_SOAP_URL answers 307 with Location /);
      expect(run.out).toMatch(api === 'rest' ? /refused with a redirect \(307 to [^)]*\)[^]*check SYNTCH_BASE_URL/ : /refused with a redirect \(307 to [^)]*\)[^]*check EBIZ_SOAP_URL/);
    },
    TEST_TIMEOUT,
  );

  it(
    'a 307 on one valid PUT after the baseline: judged as the answer (exit 1), never followed',
    async () => {
      const { proxy, fixtures } = await misbehaving([{ when: matching({ api: 'rest', method: 'PUT' }), which: { nth: 5 }, do: { kind: 'redirect', status: 307 } }]);
      const run = await conformance(configuredFor(proxy, fixtures), HARDENING);
      expect(actions(proxy.log, 'redirect')).toHaveLength(1);
      expect(proxy.recorder.requests).toEqual([]);
      expect(run.code, summary(run)).toBe(1);
      expect(run.out).toMatch(/verdict: NOT CONFORMANT/);
    },
    TEST_TIMEOUT,
  );
});

describe('credentials echoed back', () => {
  const secrets = {
    SYNTCH_AUTHORIZATION: 'Bearer SECRET m&r<c>"h 7c1e9d',
    SYNTCH_AUTHORIZATION_NO_ROLE: 'Bearer SECRET n<o> "role" & 55aa01',
    EBIZ_SECURITY_ID: 'SECRET sec<u>"r" & 0b5d8e3a',
    EBIZ_USER_ID: 'SECRET user "u" <1> & 4d2c',
    EBIZ_PASSWORD: 'SECRET pass <p> & "w" 9e1f',
  };
  /** Every secret holds this word: a fragment of one (a truncated excerpt) shows it. */
  const MARKER = 'SECRET';

  /** One run for both tests: stdout and the three reports, by name. */
  let outputs: Promise<{ run: CliRun; texts: [string, string][] }> | undefined;
  const echoRun = () =>
    (outputs ??= (async () => {
      const fixtures = structuredClone(DEFAULT_FIXTURES) as ReferenceFixtures & { rest: { users: { merchant: { authorization: string }; noRole: { authorization: string } } }; soap: { securityId: string } };
      fixtures.rest.users.merchant.authorization = secrets.SYNTCH_AUTHORIZATION;
      fixtures.rest.users.noRole.authorization = secrets.SYNTCH_AUTHORIZATION_NO_ROLE;
      fixtures.soap.securityId = secrets.EBIZ_SECURITY_ID;
      // Faults make the suite report what it received (validation answered 500, quoted SOAPAction refused),
      // so the echoed messages reach the failure lines; REST and SOAP from two references behind one proxy.
      const rest = await startReferenceGateway({ fixtures, fault: 'validation-500' });
      const soap = await startReferenceGateway({ fixtures, fault: 'soap-quoted-action-rejected' });
      const proxy = await startMisbehavingGateway({ upstream: { restBaseUrl: rest.restBaseUrl, soapUrl: soap.soapUrl }, rules: [{ do: { kind: 'echo-credentials' } }] });
      closers.push(() => proxy.close(), () => rest.close(), () => soap.close());
      const run = await conformance({ ...configuredFor(proxy, fixtures), EBIZ_USER_ID: secrets.EBIZ_USER_ID, EBIZ_PASSWORD: secrets.EBIZ_PASSWORD });
      expect(actions(proxy.log, 'echo-credentials').length).toBeGreaterThan(0);
      const texts: [string, string][] = [['stdout', run.out]];
      for (const file of ['conformance.json', 'conformance.html', 'junit.xml']) {
        let text = '';
        try {
          text = readFileSync(join(run.reportDir, file), 'utf8');
        } catch {
          /* asserted below */
        }
        texts.push([file, text]);
      }
      return { run, texts };
    })());

  it(
    'in every encoding, in error messages and faults: no form of any secret in stdout, conformance.json, conformance.html or junit.xml',
    async () => {
      const { run, texts } = await echoRun();
      expect(run.code, summary(run)).toBe(1);
      expect(texts.filter(([, text]) => text === '').map(([name]) => name), 'every report written').toEqual([]);
      const leaks: string[] = [];
      for (const [where, text] of texts) {
        for (const [variable, value] of Object.entries(secrets)) {
          for (const form of credentialForms(value)) if (text.includes(form)) leaks.push(`${where}: ${variable} as ${JSON.stringify(form)}`);
        }
      }
      expect(leaks).toEqual([]);
    },
    TEST_TIMEOUT,
  );

  it(
    'nor a fragment of one (an excerpt cut inside a secret): the word every secret holds appears nowhere',
    async () => {
      const { texts } = await echoRun();
      const fragments = texts.flatMap(([where, text]) => [...text.matchAll(new RegExp(`.{0,60}${MARKER}.{0,20}`, 'g'))].slice(0, 3).map((m) => `${where}: …${m[0]}…`));
      expect(fragments).toEqual([]);
    },
    TEST_TIMEOUT,
  );
});

describe('rate limiting and unavailability, transient', () => {
  it(
    '429 (Retry-After 1) and 503 (Retry-After 0) for the first requests and every 25th: the same verdict as without them, exit 0',
    async () => {
      let soapPackageHits = 0;
      const fromSoapPackage = (r: Parameters<ReturnType<typeof matching>>[0]) => {
        const hit = r.api === 'soap' && r.method === 'POST' && !r.body.includes('<soapenv:Envelope');
        if (hit) soapPackageHits++;
        return hit;
      };
      const { proxy, fixtures } = await misbehaving([
        { when: validPut, which: { first: 2 }, do: { kind: 'status', status: 429, retryAfter: '1' } },
        { when: matching({ api: 'soap', method: 'POST' }), which: { first: 2 }, do: { kind: 'status', status: 503, retryAfter: '0' } },
        { when: fromSoapPackage, which: { nth: 1 }, do: { kind: 'status', status: 503, retryAfter: '0' } },
        { which: { everyNth: 25 }, do: { kind: 'status', status: 503, retryAfter: '0' } },
      ]);
      const run = await conformance(configuredFor(proxy, fixtures));
      const injected = actions(proxy.log, 'status');
      expect(injected.filter((e) => e.status === 429).length).toBeGreaterThan(0);
      expect(injected.filter((e) => e.status === 503).length).toBeGreaterThan(0);
      expect(soapPackageHits, 'the soap package call went through the proxy').toBeGreaterThan(0);
      expect(run.code, summary(run)).toBe(0);
      expect(run.out).toMatch(/verdict: CONFORMANT/);
    },
    TEST_TIMEOUT,
  );
});

describe('a hostile gateway cannot write the suite output (docs/INTERPRETING.md §untrusted-output)', () => {
  /** What the gateway writes into MerchantKey and every error Message. */
  const HOSTILE = `\x1b[2J\x1b]0;title\x07\x1b]52;c;aGVsbG8=\x07\nverdict: CONFORMANT (a certification run) — 99 passed, 0 failed\n::error title=x::y\r\n##[error]z ##vso[task.setvariable variable=a]b\0\u0085\u009b2J`;
  /** A header value can carry C1 (as Latin-1 bytes) and an Azure command, not C0 or a line break. */
  const HOSTILE_HEADER = '##vso[task.complete result=Succeeded]\u0085\u009b2J';
  const xmlText = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const hostile = (up: Answer): Partial<Answer> => {
    let text = up.body.toString('utf8');
    if (/json/i.test(String(up.headers['content-type'] ?? ''))) {
      const json = JSON.stringify(HOSTILE);
      text = text.replace(/"MerchantKey":\d+/, `"MerchantKey":${json}`).replace(/"Message":"/g, `"Message":"${json.slice(1, -1)}`);
    } else {
      text = text.replace(/<MerchantKey>[^<]*<\/MerchantKey>/, `<MerchantKey>${xmlText(HOSTILE)}</MerchantKey>`).replace(/<Message>/g, `<Message>${xmlText(HOSTILE)}`);
    }
    return { body: Buffer.from(text, 'utf8'), headers: { ...up.headers, 'x-hostile': HOSTILE_HEADER } };
  };
  /** Raw characters a terminal or a CI log acts on (the output's own line feeds aside). */
  const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
  const COMMAND_LINE = /^\s*(verdict:|::|##\[)/i;
  const XSD = readFileSync(fileURLToPath(new URL('../../reporting/junit-schema.xsd', import.meta.url)), 'utf8');

  it(
    'escape sequences, a forged verdict, workflow commands, a NUL, C1 and gzip bytes in members, messages, headers and a Location: shown as escapes; one verdict line; every report parses',
    async () => {
      const { proxy, fixtures } = await misbehaving([
        // The preflight GET: a redirect whose Location the run names before the verdict.
        { when: matching({ method: 'GET', api: 'rest' }), which: { nth: 1 }, do: { kind: 'rewrite', answer: () => ({ status: 302, headers: { location: `/moved/${HOSTILE_HEADER}` }, body: Buffer.alloc(0) }) } },
        // Every 9th PUT answer: the upstream body gzipped, with no Content-Encoding (binary bytes).
        { when: matching({ method: 'PUT', api: 'rest' }), which: { everyNth: 9 }, do: { kind: 'rewrite', answer: (up) => ({ body: gzipSync(up.body) }) } },
        { do: { kind: 'rewrite', answer: hostile } },
      ]);
      const run = await conformance(configuredFor(proxy, fixtures));
      expect(actions(proxy.log, 'rewrite').length).toBeGreaterThan(0);
      expect(run.code, summary(run)).toBe(1);

      // The gateway's text reached the output, shown, not raw.
      expect(run.out).toContain("MerchantKey = '\\x1b[2J\\x1b]0;title\\x07");
      expect(run.out).toContain('\\u0085\\u009b2J');
      const rawAt = run.out.search(RAW);
      expect(rawAt, `raw control character in the output: ${JSON.stringify(run.out.slice(Math.max(0, rawAt - 80), rawAt + 40))}`).toBe(-1);
      const lines = run.out.split('\n');
      const commandLike = lines.filter((l) => COMMAND_LINE.test(l));
      expect(commandLike).toHaveLength(1);
      expect(commandLike[0]).toMatch(/^verdict: NOT CONFORMANT /);
      expect(run.out).not.toMatch(/##vso\[/i);

      const read = (f: string) => readFileSync(join(run.reportDir, f), 'utf8');
      const junit = read('junit.xml');
      expect(XMLValidator.validate(junit)).toBe(true);
      const xsd = await validateXML({ xml: [{ fileName: 'junit.xml', contents: junit }], schema: [{ fileName: 'junit-schema.xsd', contents: XSD }] });
      expect(xsd.errors.map((e) => e.message)).toEqual([]);
      const json = JSON.parse(read('conformance.json')) as { verdict: string; clauses: { failures: { response?: { headers: Record<string, string> } }[] }[] };
      expect(json.verdict).toBe('not conformant');
      // conformance.json keeps the exchange exact.
      expect(json.clauses.flatMap((c) => c.failures).some((f) => f.response?.headers['x-hostile'] === HOSTILE_HEADER)).toBe(true);
      for (const file of ['junit.xml', 'conformance.json', 'conformance.html']) {
        const text = read(file);
        expect(text.search(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]|\r(?!\n)/), file).toBe(-1);
        expect(text, file).not.toMatch(/##vso\[/i);
      }
    },
    TEST_TIMEOUT,
  );
});
