/**
 * `npm run self-check [-- --fault NAME …] [--json] [--seed N] [--runs N] [--parallel N]`: runs the
 * suite against the plain reference gateway, then once per injected fault, and prints which
 * clauses caught each; `faults detected K/N` at the end. Without --fault, every fault, in batches
 * of child processes (--parallel at a time). Exit 0 when the plain reference passes and every
 * fault is detected, 1 otherwise, 2 on bad arguments.
 */
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { mkdirSync, writeFileSync } from 'node:fs';
import { FAULTS } from '../reference/faults.ts';
import { SELF_CHECK_FILE } from './reporters/index.ts';
import type { Sensitivity } from './reporters/model.ts';
import { type FaultCheck, type PlainCheck, checkFault, checkPlain } from './self-check.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface BatchResult {
  readonly plain: PlainCheck;
  readonly faults: FaultCheck[];
}

function usage(message: string): never {
  console.error(`self-check: ${message}\nusage: npm run self-check -- [--fault NAME …] [--json] [--seed N] [--runs N] [--parallel N]`);
  process.exit(2);
}

function parse() {
  try {
    return parseArgs({
      options: {
        fault: { type: 'string', multiple: true },
        json: { type: 'boolean' },
        seed: { type: 'string', default: '20261124' },
        runs: { type: 'string', default: '30' },
        parallel: { type: 'string', default: '2' },
      },
    }).values;
  } catch (e) {
    return usage((e as Error).message);
  }
}
const args = parse();
const [seed, runs, parallel] = [Number(args.seed), Number(args.runs), Number(args.parallel)];
if (![seed, runs, parallel].every(Number.isInteger) || runs < 1 || parallel < 1) usage('--seed, --runs and --parallel take whole numbers (runs and parallel at least 1)');
for (const name of args.fault ?? []) if (!FAULTS.some((f) => f.name === name)) usage(`unknown fault '${name}' (npm run reference -- --list-faults)`);

const options = { root, seed, runs };
let result: BatchResult;
if (args.fault) {
  const plain = await checkPlain(options);
  const faults: FaultCheck[] = [];
  for (const name of args.fault) faults.push(await checkFault(name, options, plain));
  result = { plain, faults };
} else {
  result = await inChildren(FAULTS.map((f) => f.name));
}
if (args.json) console.log(JSON.stringify(result));
else print(result);
if (!args.fault) writeSensitivity(result);
process.exit(result.plain.passed && result.faults.every((f) => f.detected) ? 0 : 1);

/** Every fault, split into batches, each batch a child process of this command. */
async function inChildren(names: string[]): Promise<BatchResult> {
  const size = Math.ceil(names.length / (parallel * 4));
  const batches = Array.from({ length: Math.ceil(names.length / size) }, (_, i) => names.slice(i * size, (i + 1) * size));
  const results: BatchResult[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < batches.length) {
        const batch = batches[next++]!;
        const r = await runBatch(batch);
        results.push(r);
        if (!args.json) for (const f of r.faults) console.log(`${f.detected ? 'detected' : 'MISSED  '}  ${f.fault}`);
      }
    }),
  );
  const order = new Map(names.map((n, i) => [n, i]));
  return { plain: results[0]!.plain, faults: results.flatMap((r) => r.faults).sort((a, b) => order.get(a.fault)! - order.get(b.fault)!) };
}

function runBatch(batch: string[]): Promise<BatchResult> {
  return new Promise((resolve, reject) => {
    const argv = [...process.execArgv, fileURLToPath(import.meta.url), '--json', '--seed', String(seed), '--runs', String(runs), ...batch.flatMap((n) => ['--fault', n])];
    const child = spawn(process.execPath, argv, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
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
function writeSensitivity(r: BatchResult): void {
  const dir = process.env.CONFORMANCE_REPORT_DIR?.trim() || join(root, 'reports');
  const sensitivity: Sensitivity = {
    at: new Date().toISOString(),
    seed,
    plainReferencePasses: r.plain.passed,
    faultsDetected: r.faults.filter((f) => f.detected).length,
    faultsTotal: r.faults.length,
    missed: r.faults.filter((f) => !f.detected).map((f) => f.fault),
  };
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, SELF_CHECK_FILE), `${JSON.stringify(sensitivity, null, 2)}\n`);
}

function print(r: BatchResult): void {
  console.log(`\nplain reference: ${r.plain.passed ? 'passes' : `FAILS (${[...r.plain.failed, ...r.plain.errors].join(', ')})`}`);
  for (const f of r.faults) {
    console.log(`${f.detected ? 'detected' : 'MISSED  '}  ${f.fault.padEnd(58)} ${f.detected ? `by ${f.caughtBy.join(', ')}` : `exit ${f.exitCode}; tied to ${f.clauses.join(', ')}`}${f.strict ? ' (strict)' : ''}`);
  }
  console.log(`\nfaults detected ${r.faults.filter((f) => f.detected).length}/${r.faults.length}`);
}
