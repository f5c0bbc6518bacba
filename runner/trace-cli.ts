/** `npm run trace -- <clause-id> […]`: prints where each clause lives (runner/trace.ts). Exit 2 on an unknown id. */
import { CLAUSE_IDS, isClauseId } from '../contract/index.ts';
import { distance } from './config.ts';
import { renderTrace, trace } from './trace.ts';

const ids = process.argv.slice(2).filter((a) => !a.startsWith('-'));
if (ids.length === 0 || process.argv.includes('--help')) {
  console.error('usage: npm run trace -- <clause-id> […]   e.g. npm run trace -- put-customer/customer-name/max-length');
  process.exit(ids.length === 0 ? 2 : 0);
}
let code = 0;
for (const id of ids) {
  if (!isClauseId(id)) {
    const scored = CLAUSE_IDS.map((c) => [c, distance(id, c)] as const).sort((a, b) => a[1] - b[1]);
    const near = scored.filter(([, d]) => d <= Math.max(3, id.length / 5) && d === scored[0]![1]).map(([c]) => c);
    console.error(`trace: no clause '${id}'${near.length ? ` — did you mean ${near.join(' or ')}?` : ''} (gateway-conformance --list-checks, or contract/clause-ids.ts)`);
    code = 2;
    continue;
  }
  console.log(renderTrace(trace(id)).join('\n'));
}
process.exit(code);
