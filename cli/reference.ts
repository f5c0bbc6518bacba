/**
 * `gateway-conformance reference [--port N --host H --fixtures file.json]` (`npm run reference --
 * …`): runs the reference gateway in the foreground and prints where it listens and what it knows.
 * Port: `--port` (or `--reference-port`), else REFERENCE_PORT (the environment, else `.env` in the
 * working directory, else `.env` in the project root: config/environment.ts), else 8080.
 */
import { readFileSync } from 'node:fs';
import { PACKAGE_ROOT } from '../lib/package-root.ts';
import { ConfigError, flagOf } from '../config/settings.ts';
import { COMMON_OPTIONS, PROGRAM, isEntry, readCommandLine, settingHelp, settingOptions, settingsFor, settingsFromFlags, usageError, writeThenExit, asText } from './support.ts';
import { readEnvironment } from '../config/environment.ts';
import { DEFAULT_FIXTURES, type ReferenceFixtures, describeFixtures, parseFixtures } from '../reference/fixtures.ts';
import { DIALECTS } from '../reference/dialects.ts';
import { FAULTS } from '../reference/faults/index.ts';
import { startReferenceGateway } from '../reference/server.ts';

const COMMAND = `${PROGRAM} reference`;
const SETTINGS_HERE = settingsFor(['reference']);

export const REFERENCE_USAGE = `usage: ${COMMAND} [--port N] [--host H] [--fixtures file.json] [--fault NAME | --list-faults] [--dialect NAME | --list-dialects]
                                  (npm run reference -- [options])
  --port N            the port (0: any free one); the same as ${flagOf('REFERENCE_PORT')}. Default: REFERENCE_PORT (environment or .env) or 8080
  --host H            the address to listen on (default 127.0.0.1)
  --fixtures FILE     the merchants, users, customers and SOAP ids it knows (JSON; default: the built-in fixtures it prints)
  --fault NAME        deviate from the contract on purpose, in one named way (not conformant)
  --list-faults       list the faults with the clauses each breaks, and exit
  --dialect NAME      answer in one legitimate variant the interpretation allows
  --list-dialects     list the dialects, and exit
  --help, -h          this text
  --version           the suite's version
Settings (a flag wins over the environment, which wins over .env):
${settingHelp(SETTINGS_HERE).join('\n')}`;

export async function main(argv: readonly string[]): Promise<void> {
  const options = {
    port: { type: 'string' },
    host: { type: 'string', default: '127.0.0.1' },
    fixtures: { type: 'string' },
    fault: { type: 'string' },
    'list-faults': { type: 'boolean' },
    dialect: { type: 'string' },
    'list-dialects': { type: 'boolean' },
    ...COMMON_OPTIONS,
    ...settingOptions(SETTINGS_HERE),
  } as const;
  const args = (await readCommandLine('reference', { args: [...argv], options }, REFERENCE_USAGE)).values as { port?: string; host: string; fixtures?: string; fault?: string; 'list-faults'?: boolean; dialect?: string; 'list-dialects'?: boolean } & Record<string, unknown>;
  if (args['list-faults']) return writeThenExit(asText(FAULTS.map((f) => `${f.name.padEnd(40)} ${f.description}  [${f.clauses.join(', ')}]`)), 0);
  if (args['list-dialects']) return writeThenExit(asText(DIALECTS.map((d) => `${d.name.padEnd(32)} ${d.description}`)), 0);
  if (args.fault && !FAULTS.some((f) => f.name === args.fault)) fail(`unknown fault '${args.fault}' (npm run reference -- --list-faults)`);
  if (args.dialect && !DIALECTS.some((d) => d.name === args.dialect)) fail(`unknown dialect '${args.dialect}' (npm run reference -- --list-dialects)`);
  const flags = settingsFromFlags(SETTINGS_HERE, args);
  if (args.port !== undefined && flags.REFERENCE_PORT !== undefined) usageError('reference', `give --port or ${flagOf('REFERENCE_PORT')}, not both`, REFERENCE_USAGE);
  let env: Record<string, string>;
  try {
    const read = readEnvironment({ root: PACKAGE_ROOT, cwd: process.cwd(), processEnv: process.env });
    for (const w of read.warnings) console.error(`reference: warning: ${w}`);
    env = { ...read.env, ...flags };
  } catch (e) {
    fail(e instanceof ConfigError ? e.problems.join('\n') : (e as Error).message);
  }
  const fromEnv = env.REFERENCE_PORT?.trim() || undefined;
  const portText = args.port?.trim() ?? fromEnv ?? '8080';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) fail(`port must be a number from 0 to 65535, got '${portText}'${args.port === undefined && fromEnv !== undefined ? ` (${flags.REFERENCE_PORT !== undefined ? flagOf('REFERENCE_PORT') : 'REFERENCE_PORT'})` : ''}`);

  let fixtures: ReferenceFixtures = DEFAULT_FIXTURES;
  if (args.fixtures) {
    try {
      fixtures = parseFixtures(JSON.parse(readFileSync(args.fixtures, 'utf8')));
    } catch (e) {
      fail(`cannot read fixtures from ${args.fixtures}: ${(e as Error).message}`);
    }
  }

  try {
    const gw = await startReferenceGateway({ port, host: args.host, fixtures, ...(args.fault ? { fault: args.fault } : {}), ...(args.dialect ? { dialect: args.dialect } : {}) });
    console.log(args.fault ? `Reference gateway listening, with the fault '${args.fault}' (not conformant on purpose)` : 'Reference gateway listening');
    console.log(`  SYNTCH_BASE_URL=${gw.restBaseUrl}`);
    console.log(`  EBIZ_SOAP_URL=${gw.soapUrl}   (WSDL: ${gw.soapUrl}?wsdl)`);
    console.log('Fixtures:');
    for (const line of describeFixtures(fixtures)) console.log(line);
    const stop = (): void => {
      gw.close().then(() => process.exit(0), () => process.exit(0));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  } catch (e) {
    fail(`cannot listen on ${args.host}:${port}: ${(e as Error).message}`);
  }
}

function fail(message: string): never {
  console.error(`reference: ${message}`);
  process.exit(2);
}

if (isEntry(import.meta.url)) await main(process.argv.slice(2));
