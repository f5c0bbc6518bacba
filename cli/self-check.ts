/**
 * `gateway-conformance self-check [--fault NAME … --dialect NAME …] [--json] [--seed N] [--runs N] [--parallel N]`
 * (`npm run self-check -- …`):
 * runs the suite against the plain reference gateway, once per dialect (each must be accepted)
 * and once per injected fault (each must be detected), and prints the matrix, then
 * `faults detected K/N, dialects accepted A/D`. Without --fault/--dialect, all of them, in
 * batches of child processes (--parallel at a time). Exit 0 when the plain reference passes,
 * every dialect is accepted and every fault detected; 1 otherwise; 2 on bad arguments.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PACKAGE_ROOT } from '../lib/package-root.ts';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { FAULTS } from '../reference/faults/index.ts';
import { SELF_CHECK_FILE } from '../reporting/index.ts';
import { CONTRACT_HASH } from '../contract/index.ts';
import { INTERPRETING_VERSION, SUITE_VERSION, type Sensitivity } from '../reporting/model.ts';
import { DIALECTS } from '../reference/dialects.ts';
import { type DialectCheck, type FaultCheck, type PlainCheck, checkDialect, checkFault, checkPlain } from '../self-check/engine.ts';
import { didYouMean } from '../lib/did-you-mean.ts';
import { mapLimit } from '../lib/map-limit.ts';
import { COMMON_OPTIONS, PROGRAM, isEntry, readCommandLine, usageError, writeThenExit, asText } from './support.ts';

const root = PACKAGE_ROOT;

export interface BatchResult {
  readonly plain: PlainCheck;
  readonly dialects: DialectCheck[];
  readonly faults: FaultCheck[];
}

const COMMAND = `${PROGRAM} self-check`;
/** Fault runs a batch keeps going at once (each against its own embedded reference). */
const FAULTS_AT_ONCE = 4;
export const SELF_CHECK_USAGE = `usage: ${COMMAND} [--fault NAME …] [--dialect NAME …] [--json] [--seed N] [--runs N] [--parallel N]
                                  (npm run self-check -- [options])
  runs the suite against the plain reference gateway (it must pass), each dialect (each must be
  accepted) and each injected fault (each must be detected), and prints
  "faults detected K/N, dialects accepted A/D". Exit 0: all as expected; 1: otherwise; 2: bad arguments.
  Without --fault/--dialect, all of them, in child processes, and the result is written to
  CONFORMANCE_REPORT_DIR (default: reports/ in the working directory, as for a run), where reports cite it.
  --fault NAME      only this fault (repeatable; ${PROGRAM} reference --list-faults)
  --dialect NAME    only this dialect (repeatable; ${PROGRAM} reference --list-dialects)
  --json            print the result as JSON
  --seed N          the seed of every run (default 20261124)
  --runs N          property runs per property (default 30)
  --parallel N      child processes at once (default 2)
  --plain-result FILE  the plain reference's result as --json prints it (its "plain"; - : from
                    standard input, read once a fault needs it), used instead of running it again:
                    how the child processes of a full self-check share one
  --help, -h        this text
  --version         the suite's version`;

function usage(message: string): never {
  return usageError('self-check', message, SELF_CHECK_USAGE);
}

interface Options {
  readonly json: boolean;
  readonly seed: number;
  readonly runs: number;
  readonly parallel: number;
}

function parse(argv: readonly string[]) {
  const options = {
    fault: { type: 'string', multiple: true },
    dialect: { type: 'string', multiple: true },
    json: { type: 'boolean' },
    seed: { type: 'string', default: '20261124' },
    runs: { type: 'string', default: '30' },
    parallel: { type: 'string', default: '2' },
    'plain-result': { type: 'string' },
    ...COMMON_OPTIONS,
  } as const;
  return readCommandLine('self-check', { args: [...argv], options }, SELF_CHECK_USAGE);
}

export async function main(argv: readonly string[]): Promise<void> {
  const args = (await parse(argv)).values;
  const [seed, runs, parallel] = [Number(args.seed), Number(args.runs), Number(args.parallel)];
  if (![seed, runs, parallel].every(Number.isInteger) || runs < 1 || parallel < 1) usage('--seed, --runs and --parallel take whole numbers (runs and parallel at least 1)');
  for (const name of args.fault ?? []) if (!FAULTS.some((f) => f.name === name)) usage(`unknown fault '${name}'${didYouMean(name, FAULTS.map((f) => f.name))} (${PROGRAM} reference --list-faults)`);
  for (const name of args.dialect ?? []) if (!DIALECTS.some((d) => d.name === name)) usage(`unknown dialect '${name}'${didYouMean(name, DIALECTS.map((d) => d.name))} (${PROGRAM} reference --list-dialects)`);
  if (args['plain-result'] !== undefined && !args.fault && !args.dialect) usage('--plain-result goes with --fault or --dialect (a full self-check runs the plain reference itself)');
  const opts: Options = { json: args.json === true, seed, runs, parallel };

  const options = { seed, runs };
  let result: BatchResult;
  if (args.fault || args.dialect) {
    const source = args['plain-result'];
    let plainCheck: Promise<PlainCheck> | undefined;
    // Dialects do not need the plain result: with --plain-result -, it may still be on its way.
    const plain = () => (plainCheck ??= source !== undefined ? readPlain(source) : checkPlain(options));
    const dialects: DialectCheck[] = [];
    for (const name of args.dialect ?? []) dialects.push(await checkDialect(name, options));
    // Faults a few at a time: most are short runs, and some wait on the clock (the replace
    // sequence's 1.1 s, a hang's timeout) while the others can use the processor.
    const faults = await mapLimit(args.fault ?? [], FAULTS_AT_ONCE, async (name) => checkFault(name, options, await plain()));
    result = { plain: await plain(), dialects, faults };
  } else {
    result = await inChildren(DIALECTS.map((d) => d.name), FAULTS.map((f) => f.name), opts);
  }
  if (!args.fault && !args.dialect) writeSensitivity(result, opts);
  // Written whole before the exit: a full result is past 64 KiB of JSON, more than a pipe holds.
  writeThenExit(opts.json ? `${JSON.stringify(result)}\n` : rendered(result), result.plain.passed && result.dialects.every((d) => d.accepted) && result.faults.every((f) => f.detected) ? 0 : 1);
}

/** The plain check given with --plain-result (a file, or - : standard input, as a full self-check's parent writes it). */
async function readPlain(file: string): Promise<PlainCheck> {
  try {
    let text = '';
    if (file === '-') for await (const chunk of process.stdin) text += String(chunk);
    else text = readFileSync(file, 'utf8');
    const plain = JSON.parse(text) as PlainCheck;
    if (typeof plain?.passed !== 'boolean' || typeof plain.suites !== 'object' || plain.suites === null) throw new Error('not a plain result');
    return plain;
  } catch (e) {
    return usage(`--plain-result ${file}: cannot be read as the plain reference's result (${e instanceof Error ? e.message : String(e)})`);
  }
}

/**
 * Every dialect and fault, split into batches, each batch a child process of this command. The
 * plain reference is run once, here, beside the batches, and handed to each batch on its
 * standard input (--plain-result -): a batch checks its dialects first, which do not need it, and
 * reads it before its first fault, instead of each batch running it again.
 */
async function inChildren(dialects: string[], faults: string[], opts: Options): Promise<BatchResult> {
  const jobs = [...dialects.map((n) => ['--dialect', n] as const), ...faults.map((n) => ['--fault', n] as const)];
  // One batch per process at a time, the jobs dealt round them like cards so that each gets its
  // share of the dialects (whole runs, the heaviest jobs) and of the faults: a batch is a process
  // that loads and warms up the suite again, and eight of them cost about a quarter more CPU.
  const count = Math.min(jobs.length, opts.parallel);
  const batches = Array.from({ length: count }, (_, i) => jobs.filter((_, j) => j % count === i));
  if (!opts.json) console.log(`self-check: the plain reference, ${dialects.length} dialects and ${faults.length} faults, in ${count} child process${count === 1 ? '' : 'es'} …`);
  const plain = checkPlain({ seed: opts.seed, runs: opts.runs });
  const results: BatchResult[] = [];
  let next = 0;
  await Promise.all([
    plain,
    ...Array.from({ length: opts.parallel }, async () => {
      while (next < batches.length) {
        const r = await runBatch(batches[next++]!.flat(), plain, opts);
        results.push(r);
        if (!opts.json) {
          for (const d of r.dialects) console.log(`${d.accepted ? 'accepted' : 'REJECTED'}  dialect ${d.dialect}`);
          for (const f of r.faults) console.log(`${f.detected ? 'detected' : 'MISSED  '}  fault ${f.fault}`);
        }
      }
    }),
  ]);
  const order = new Map([...dialects, ...faults].map((n, i) => [n, i]));
  const byOrder = <T>(key: (x: T) => string) => (a: T, b: T) => order.get(key(a))! - order.get(key(b))!;
  return {
    plain: await plain,
    dialects: results.flatMap((r) => r.dialects).sort(byOrder((d: DialectCheck) => d.dialect)),
    faults: results.flatMap((r) => r.faults).sort(byOrder((f: FaultCheck) => f.fault)),
  };
}

function runBatch(jobArgs: string[], plain: Promise<PlainCheck>, opts: Options): Promise<BatchResult> {
  return new Promise((resolve, reject) => {
    const argv = [...process.execArgv, fileURLToPath(import.meta.url), '--json', '--seed', String(opts.seed), '--runs', String(opts.runs), '--plain-result', '-', ...jobArgs];
    const child = spawn(process.execPath, argv, { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
    // A batch that ended early (its error is on stderr) no longer reads: nothing to write to.
    child.stdin.on('error', () => undefined);
    plain.then(
      (p) => child.stdin.end(JSON.stringify(p)),
      () => child.stdin.end(),
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', () => {
      try {
        resolve(JSON.parse(out.trim().split('\n').pop() ?? '') as BatchResult);
      } catch {
        reject(new Error(`self-check batch printed no result:\n${out}`));
      }
    });
  });
}

/** Leaves the result where `npm run conformance` finds it and cites it in its reports. */
function writeSensitivity(r: BatchResult, opts: Options): void {
  const dir = process.env.CONFORMANCE_REPORT_DIR?.trim() || join(process.cwd(), 'reports');
  const sensitivity: Sensitivity = {
    at: new Date().toISOString(),
    contractHash: CONTRACT_HASH,
    suiteVersion: SUITE_VERSION,
    interpretingVersion: INTERPRETING_VERSION,
    seed: opts.seed,
    plainReferencePasses: r.plain.passed,
    faultsDetected: r.faults.filter((f) => f.detected).length,
    faultsTotal: r.faults.length,
    missed: r.faults.filter((f) => !f.detected).map((f) => f.fault),
    dialectsAccepted: r.dialects.filter((d) => d.accepted).length,
    dialectsTotal: r.dialects.length,
    rejectedDialects: r.dialects.filter((d) => !d.accepted).map((d) => d.dialect),
  };
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, SELF_CHECK_FILE), `${JSON.stringify(sensitivity, null, 2)}\n`);
}

/** The result as the lines a person reads, each ending in a line feed. */
function rendered(r: BatchResult): string {
  const lines = [`\nplain reference: ${r.plain.passed ? 'passes' : `FAILS (${[...r.plain.failed, ...r.plain.errors].join(', ')})`}`];
  for (const d of r.dialects) lines.push(`${d.accepted ? 'accepted' : 'REJECTED'}  dialect ${d.dialect.padEnd(50)} ${d.accepted ? d.description : `failed ${[...d.failed, ...d.errors].join(', ')}`}`);
  for (const f of r.faults) {
    lines.push(`${f.detected ? 'detected' : 'MISSED  '}  fault ${f.fault.padEnd(58)} ${f.detected ? `by ${f.caughtBy.join(', ')}` : `exit ${f.exitCode}; tied to ${f.clauses.join(', ')}`}${f.strict ? ' (strict)' : ''}`);
  }
  lines.push(`\nfaults detected ${r.faults.filter((f) => f.detected).length}/${r.faults.length}, dialects accepted ${r.dialects.filter((d) => d.accepted).length}/${r.dialects.length}`);
  return asText(lines);
}

if (isEntry(import.meta.url)) await main(process.argv.slice(2));
