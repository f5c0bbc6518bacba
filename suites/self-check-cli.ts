/**
 * `npm run self-check [-- --fault NAME] [--json] [--seed N] [--runs N]`: runs the suite against
 * the reference gateway once per injected fault (two at a time, each in its own process) and
 * prints which clauses caught each; `faults detected K/N` at the end. Exit 0 when every fault is
 * detected, 1 otherwise, 2 on bad arguments.
 */
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { FAULTS } from '../reference/faults.ts';
import { type FaultCheck, checkFault } from './self-check.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
let args;
try {
  args = parseArgs({ options: { fault: { type: 'string' }, json: { type: 'boolean' }, seed: { type: 'string', default: '20261124' }, runs: { type: 'string', default: '30' }, parallel: { type: 'string', default: '2' } } }).values;
} catch (e) {
  console.error(`self-check: ${(e as Error).message}`);
  process.exit(2);
}
const seed = Number(args.seed);
const runs = Number(args.runs);
const parallel = Number(args.parallel);
if (![seed, runs, parallel].every(Number.isInteger) || runs < 1 || parallel < 1) {
  console.error('self-check: --seed, --runs and --parallel take whole numbers');
  process.exit(2);
}

if (args.fault) {
  if (!FAULTS.some((f) => f.name === args.fault)) {
    console.error(`self-check: unknown fault '${args.fault}'`);
    process.exit(2);
  }
  const result = await checkFault(args.fault, { root, seed, runs });
  if (args.json) console.log(JSON.stringify(result));
  else print([result]);
  process.exit(result.detected ? 0 : 1);
}

/** One fault in its own process: runs of vitest do not share a process well. */
function checkInChild(name: string): Promise<FaultCheck> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--fault', name, '--json', '--seed', String(seed), '--runs', String(runs)], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', () => {
      const line = out.trim().split('\n').pop() ?? '';
      try {
        resolve(JSON.parse(line) as FaultCheck);
      } catch {
        reject(new Error(`self-check of ${name} printed no result:\n${out}`));
      }
    });
  });
}

const results: FaultCheck[] = new Array(FAULTS.length);
let next = 0;
await Promise.all(
  Array.from({ length: parallel }, async () => {
    while (next < FAULTS.length) {
      const i = next++;
      results[i] = await checkInChild(FAULTS[i]!.name);
      if (!args.json) console.log(`${results[i]!.detected ? 'detected' : 'MISSED  '}  ${FAULTS[i]!.name}`);
    }
  }),
);
if (args.json) console.log(JSON.stringify(results));
else print(results);
process.exit(results.every((r) => r.detected) ? 0 : 1);

function print(rs: FaultCheck[]): void {
  console.log('');
  for (const r of rs) {
    console.log(`${r.detected ? 'detected' : 'MISSED  '}  ${r.fault.padEnd(40)} ${r.detected ? `by ${r.caughtBy.join(', ')}` : `exit ${r.exitCode}; tied to ${r.clauses.join(', ')}`}${r.strict ? ' (strict)' : ''}`);
  }
  console.log(`\nfaults detected ${rs.filter((r) => r.detected).length}/${rs.length}`);
}
