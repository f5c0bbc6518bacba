import fc from 'fast-check';
import { boundaryCases } from '../generators/boundary-cases.ts';
import { violatingCustomer } from '../generators/violating-customer.ts';
import { validatePutCustomer } from '../reference/rest/validate.ts';
const cs = boundaryCases();
console.log('cases', cs.length, 'unique names', new Set(cs.map(c=>c.name)).size);
for (const c of cs.slice(0, 12)) console.log(c.name, '|', c.clause);
let wrong = 0;
for (const c of cs) {
  if (c.pathKey || c.bodyKeyDiffers) continue;
  const errs = validatePutCustomer(c.value);
  const ok = c.expect === 'accepted' ? errs.length === 0 : (c.clause.includes('activation-status') && !c.clause.endsWith('required')) || c.clause.endsWith('utf-16') ? true : errs.some(e => e.fieldName === c.fieldPath);
  if (!ok) { wrong++; if (wrong < 6) console.log('WRONG', c.name, JSON.stringify(errs)); }
}
console.log('wrong', wrong);
const vs = fc.sample(violatingCustomer(), { seed: 3, numRuns: 3000 });
let vw = 0;
for (const v of vs) { if (v.pathKey) continue; const errs = validatePutCustomer(v.value); if (v.clause.includes('activation-status/') && !v.clause.endsWith('required') || v.clause.endsWith('utf-16')) continue; if (!errs.some(e=>e.fieldName===v.fieldPath) || errs.length !== 1) { vw++; if (vw<6) console.log('VWRONG', v.description, v.clause, JSON.stringify(errs)); } }
console.log('violations wrong', vw, 'clauses seen', new Set(vs.map(v=>v.clause)).size);
